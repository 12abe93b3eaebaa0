using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>A ledger shaped like the verifier's output, with frames whose reveals are marked by
/// their seq, to check what an export withholds.</summary>
public static class ExportScenario
{
    public const ulong Device = 0x0A;
    public const ulong Witness = 0x0B;
    public const ulong Epoch = 0x1111;
    public const ulong CandidateEpoch = 0x2222;
    public const ulong WitnessEpoch = 0x3333;
    public const uint NewestAccepted = 20;

    public static InMemoryLedger Build()
    {
        var ledger = new InMemoryLedger();
        long t = 1_700_000_000_000;
        ledger.Append(t, "policy", 0, [], "{\"sha256\":\"ab\",\"source\":\"policy.json\"}");
        for (uint seq = 0; seq <= NewestAccepted; seq++)
        {
            ledger.Append(t + seq, "frame", Device, TestFrames.Chain(Device, Epoch, seq, (byte)seq), $"{{\"verdict\":\"next\",\"seq\":{seq}}}");
        }
        ledger.Append(t + 30, "frame", Device, TestFrames.Chain(Device, Epoch, 19, 19, featureMask: 0x03), "{\"verdict\":\"conflict\",\"seq\":19}");
        ledger.Append(t + 31, "refusal", Device, TestFrames.Chain(Device, Epoch, 22, 22), "{\"verdict\":\"gap\",\"seq\":22}");
        ledger.Append(t + 32, "refusal", Device, TestFrames.Chain(Device, Epoch, 5, 5, featureMask: 0x01), "{\"verdict\":\"stale\",\"seq\":5}");
        ledger.Append(t + 33, "refusal", Device, TestFrames.Chain(Device, CandidateEpoch, 1, 0xE2), "{\"verdict\":\"broken\",\"seq\":1}");
        ledger.Append(t + 34, "frame", Witness, TestFrames.Witness(Witness, WitnessEpoch, 3, 0x33, Device), "{\"verdict\":\"witness\",\"seq\":3}");
        ledger.Append(t + 35, "decision", Device, TestFrames.Decision(Device, Epoch, NewestAccepted), "{\"mode\":\"AdmitRestricted\",\"reason\":2}");
        ledger.Append(t + 36, "refusal", Device, Enumerable.Repeat((byte)0x99, 50).ToArray(), "{\"verdict\":\"malformed\",\"reason\":\"length, \\\"short\\\"\"}");
        return ledger;
    }
}
