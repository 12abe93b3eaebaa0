using AqNano.Fuzz.Targets;
using AqNano.Protocol.Frames;
using AqNano.Verifier;

namespace AqNano.Fuzz.Ingest;

/// <summary>The verifier's ingest (IVerifier.Judge on a topic and payload) as a fuzz target. A fresh
/// verifier is primed with honest chains (the vectors' device and a registered witness) and then
/// judges fuzzed inputs, so that mutations of its next links, duplicates, conflicts and gaps meet a
/// device the verifier knows. Invariants per input (DESIGN.md "The verifier's rules"; issue 7):
/// 1. Judge (and Tick, run every <see cref="TickEvery"/> inputs) never throws;
/// 2. a payload the parser refuses, or one on a topic whose {id} is not its deviceId, is Malformed,
///    neither forwarded nor taking ownership;
/// 3. a refused or ignored input (Malformed, Broken, Stale, Gap, Duplicate) changes no device state:
///    the known devices, their persisted state and their fleet view are the same before and after.</summary>
public sealed class IngestTarget(Func<IngestRig> createRig, IReadOnlyList<byte[]> primingChain, int inputsPerRig = 1_000) : IFuzzTarget, IDisposable
{
    public const long StartUnixMs = 1_764_288_000_000; // 2025-11-28T00:00Z, any fixed time will do
    public const long IntervalMs = 10_000;             // the vectors' chain: one frame per 10 s
    public const int TickEvery = 16;

    private static readonly HashSet<Verdict> Unchanging = [Verdict.Malformed, Verdict.Broken, Verdict.Stale, Verdict.Gap, Verdict.Duplicate];
    private IngestRig? rig;
    private int inputsOnRig;
    private long nowUnixMs;
    private ulong knownDeviceId;

    public string Name => "ingest";

    public string Execute(byte[] input)
    {
        IngestRig current = Rig();
        (string topic, PathMode path) = IngestRoute.For(input, knownDeviceId);
        ulong[] named = IngestRoute.DevicesNamed(input, topic).ToArray();
        string before = VerifierStateSnapshot.Of(current, named);
        nowUnixMs += IntervalMs;
        current.SetClockUnixMs?.Invoke(nowUnixMs);

        Judgement judgement = current.Verifier.Judge(new InboundFrame(topic, input, nowUnixMs, "fuzz", path));

        FrameRejection parse = FrameCodec.Check(input, 0, input.Length);
        if (parse != FrameRejection.None && (judgement.Verdict != Verdict.Malformed || judgement.Forward || judgement.TakeOwnership))
        {
            Fail($"the parser refuses this payload ({parse}) but Judge said {judgement.Verdict}, forward {judgement.Forward}, take ownership {judgement.TakeOwnership}");
        }
        if (Unchanging.Contains(judgement.Verdict))
        {
            string after = VerifierStateSnapshot.Of(current, named);
            if (after != before) Fail($"{judgement.Verdict} on {topic} changed device state:\nbefore {before}\nafter  {after}");
        }
        // The time-driven rules (missed links, promotion, keep periods) run between inputs now and then;
        // they may change state legitimately, so only "no exception" is asked of them.
        if (inputsOnRig % TickEvery == 0) current.Verifier.Tick();
        return Outcome(judgement, parse);
    }

    public void Dispose() => rig?.Dispose();

    private IngestRig Rig()
    {
        if (rig is not null && inputsOnRig++ < inputsPerRig) return rig;
        rig?.Dispose();
        rig = createRig();
        inputsOnRig = 1;
        nowUnixMs = StartUnixMs;
        var frame = new Frame();
        foreach (byte[] link in primingChain)
        {
            if (!FrameCodec.TryParse(link, 0, link.Length, frame, out FrameRejection reason)) throw new InvalidOperationException($"priming frame refused: {reason}");
            knownDeviceId = frame.DeviceId;
            nowUnixMs += IntervalMs;
            rig.SetClockUnixMs?.Invoke(nowUnixMs);
            Judgement judgement = rig.Verifier.Judge(new InboundFrame(Protocol.Topics.Observation(frame.DeviceId), link, nowUnixMs, "device", PathMode.Confidential));
            if (judgement.Verdict is not (Verdict.Genesis or Verdict.Next or Verdict.Witness) || !judgement.Forward) throw new InvalidOperationException($"priming frame {frame.Seq} judged {judgement.Verdict}: {judgement.Explanation}");
        }
        return rig;
    }

    /// <summary>A refusal is named "{verdict}:{reason}" (the parser's reason for a payload it refuses, so that
    /// the label matches the parser target's, else the verifier's reason code); anything the verifier took
    /// in (forwarded, owning, or an ignored duplicate) by its verdict alone.</summary>
    private static string Outcome(Judgement judgement, FrameRejection parse)
    {
        if (parse != FrameRejection.None) return "Malformed:" + parse;
        bool refused = !judgement.Forward && !judgement.TakeOwnership && judgement.Verdict != Verdict.Duplicate;
        return refused ? judgement.Verdict + ":" + ReasonNames.Of(judgement.Reason) : judgement.Verdict.ToString();
    }

    private static void Fail(string message) => throw new FuzzInvariantException(message);
}
