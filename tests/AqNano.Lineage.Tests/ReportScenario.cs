using AqNano.Protocol;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>A ledger as the verifier writes it (kinds and camelCase Detail of the verifier engineer):
/// a device admitted, then caught cloned on a confidential path; a quiet honest device; fleet records.</summary>
public static class ReportScenario
{
    public const ulong Cloned = 0x0102030405060708;
    public const ulong Honest = 0x1112131415161718;
    public const ulong Epoch = 0xE1E1;
    public const ulong ImpostorEpoch = 0xE2E2;
    public const ulong HonestEpoch = 0xABCD;
    public const long T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public static List<byte[]> FramesWritten { get; } = new();

    public static InMemoryLedger Build()
    {
        var ledger = new InMemoryLedger();
        long t = T0;
        ledger.Append(t, "policy", 0, [], "{\"sha256\":\"5ca1ab1e\",\"source\":\"policy.json\"}");
        for (uint seq = 0; seq <= 12; seq++)
        {
            Frame(ledger, ++t, Cloned, Epoch, seq, seq == 0 ? "genesis" : "next");
            if (seq == 0) Decision(ledger, ++t, Cloned, DecisionMode.AdmitRestricted, Reasons.NewDevice, "NewDevice", Scopes.Observe | Scopes.Telemetry, seq, "new device: restricted until continuity deepens");
        }
        Decision(ledger, ++t, Cloned, DecisionMode.AdmitFull, Reasons.None, "None", Scopes.All, 12, "12 links over 12 min, skew 3 ppm");
        ledger.Append(++t, "grant", Cloned, [], "{\"fromScope\":3,\"toScope\":31,\"why\":\"continuity deep\"}");
        Frame(ledger, ++t, Cloned, Epoch, 12, "conflict");
        ledger.Append(++t, "incident", Cloned, [], "{\"type\":\"clone\",\"explanation\":\"second valid frame for seq 12 on a confidential path\"}");
        Decision(ledger, ++t, Cloned, DecisionMode.Refused, Reasons.CloneEvidence, "CloneEvidence", Scopes.Observe, 12, "clone evidence <script>alert(1)</script> | quarantined");
        ledger.Append(++t, "revocation", Cloned, [], "{\"fromScope\":31,\"toScope\":1,\"why\":\"clone evidence\"}");
        ledger.Append(++t, "operator", Cloned, [], "{\"action\":\"revoke\",\"operator\":\"alice\",\"reason\":\"unit sent to lab\"}");
        // Reason numbers and names as the verifier core appends them to shared Reasons (24 StaleFrame, 23 BrokenLink, 25 EpochReplayed).
        Refusal(ledger, ++t, Cloned, Epoch, 3, "stale", 24, "StaleFrame");
        Refusal(ledger, ++t, Cloned, Epoch, 4, "stale", 24, "StaleFrame");
        Refusal(ledger, ++t, Cloned, ImpostorEpoch, 1, "broken", 23, "BrokenLink");
        Refusal(ledger, ++t, Cloned, Epoch, 0, "genesis", 25, "EpochReplayed");
        foreach (int running in new[] { 1, 2, 4, 8, 16, 32, 40 })
        {
            ledger.Append(++t, "refusal-count", 0, [], $"{{\"source\":\"conn-7\",\"suppressed\":{running}}}");
        }
        ledger.Append(++t, "refusal-count", 0, [], "{\"source\":\"conn-8\",\"suppressed\":2}");
        Frame(ledger, ++t, Honest, HonestEpoch, 0, "genesis");
        Decision(ledger, ++t, Honest, DecisionMode.AdmitFull, Reasons.None, "None", Scopes.All, 0, "allowlisted, witness agrees");
        ledger.Append(++t, "refusal", 0, [], "{\"verdict\":\"malformed\",\"reason\":20,\"reasonName\":\"MalformedFrame\",\"connection\":\"conn-9\",\"path\":\"open\"}");
        ledger.Append(++t, "incident", 0, [], "{\"type\":\"divergence\",\"explanation\":\"fleet-wide test incident\"}");
        return ledger;
    }

    private static void Frame(ILedger ledger, long t, ulong device, ulong epoch, uint seq, string verdict)
    {
        byte[] frame = TestFrames.Chain(device, epoch, seq, (byte)(0x40 + seq), verdict == "conflict" ? (ushort)0x01 : TestFrames.AllFeatures);
        FramesWritten.Add(frame);
        ledger.Append(t, "frame", device, frame,
            $"{{\"verdict\":\"{verdict}\",\"epoch\":\"{Hex.FromWire(epoch)}\",\"seq\":{seq},\"digest\":\"{seq:x2}{new string('d', 62)}\",\"connection\":\"c1\",\"path\":\"confidential\"}}");
    }

    private static void Refusal(ILedger ledger, long t, ulong device, ulong epoch, uint seq, string verdict, byte reason, string reasonName)
    {
        byte[] frame = TestFrames.Chain(device, epoch, seq, (byte)(0x80 + seq));
        FramesWritten.Add(frame);
        ledger.Append(t, "refusal", device, frame,
            $"{{\"verdict\":\"{verdict}\",\"reason\":{reason},\"reasonName\":\"{reasonName}\",\"epoch\":\"{Hex.FromWire(epoch)}\",\"seq\":{seq},\"connection\":\"c2\",\"path\":\"open\"}}");
    }

    private static void Decision(ILedger ledger, long t, ulong device, DecisionMode mode, byte reason, string reasonName, ushort scope, uint seq, string explanation)
        => ledger.Append(t, "decision", device, [],
            $"{{\"mode\":\"{mode}\",\"reason\":{reason},\"reasonName\":\"{reasonName}\",\"grantedScope\":{scope},\"epoch\":\"{Hex.FromWire(device == Honest ? HonestEpoch : Epoch)}\",\"seq\":{seq},\"explanation\":{System.Text.Json.JsonSerializer.Serialize(explanation)}}}");
}
