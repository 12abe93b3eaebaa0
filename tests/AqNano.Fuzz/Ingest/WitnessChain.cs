using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Fuzz.Ingest;

/// <summary>An honest registered witness for the ingest target, built with the shared ChainMath (DESIGN.md
/// "The chain", "Witnesses"): its own Genesis, then one Witness frame per subject frame, each reporting
/// that frame's digest. The vectors hold one Witness frame but not its chain, so without this the
/// fuzzer could never reach an accepted Witness or corroboration. Deterministic: fixed chip id and entropy.</summary>
public static class WitnessChain
{
    private static readonly byte[] ChipId = [0x24, 0x0A, 0xC4, 0xF0, 0x0D, 0x01];

    public static ulong DeviceId { get; } = new ChainMath(new HostHmacSha256()).DeviceId(ChipId, 0, ChipId.Length);

    /// <summary>Genesis, then a Witness of each Observation in <paramref name="subjectFrames"/>, in their order.</summary>
    public static IReadOnlyList<byte[]> Build(IReadOnlyList<byte[]> subjectFrames)
    {
        var math = new ChainMath(new HostHmacSha256());
        var state = new byte[32];
        var mix = new byte[32];
        var nextKey = new byte[32];
        var raw = new byte[64];
        var frame = new Frame { Kind = FrameKind.Genesis, DeviceId = DeviceId, Epoch = 0x5157_4954_4E45_5353, UptimeUs = 2_000_000, ResetCause = ResetCause.PowerOn, RequestedScope = Scopes.Observe };
        var frames = new List<byte[]>();
        math.Mix(raw, 0, raw.Length, mix, 0);
        math.Seed(frame.DeviceId, frame.Epoch, mix, 0, state, 0);
        frames.Add(Seal(math, frame, state, nextKey));

        var subject = new Frame();
        foreach (byte[] subjectBytes in subjectFrames)
        {
            if (!FrameCodec.TryParse(subjectBytes, 0, subjectBytes.Length, subject, out _) || subject.Kind != FrameKind.Observation) continue;
            frame.Kind = FrameKind.Witness;
            frame.Seq++;
            frame.UptimeUs += 10_000_000;
            frame.ResetCause = ResetCause.Unknown;
            frame.SubjectDeviceId = subject.DeviceId;
            frame.SubjectEpoch = subject.Epoch;
            frame.SubjectSeq = subject.Seq;
            math.FrameDigest(subjectBytes, 0, subjectBytes.Length - FrameLayout.DigestSize, frame.SubjectFrameDigest, 0);
            frame.Rssi = -61;
            frame.Path = WitnessPath.Radio;
            Array.Copy(nextKey, frame.Reveal, 32);
            raw[0] = (byte)frame.Seq;
            math.Mix(raw, 0, raw.Length, mix, 0);
            math.Advance(state, 0, frame.Seq, frame.UptimeUs, mix, 0);
            frames.Add(Seal(math, frame, state, nextKey));
        }
        return frames;
    }

    private static byte[] Seal(ChainMath math, Frame frame, byte[] state, byte[] nextKey)
    {
        math.NextKey(state, 0, nextKey, 0);
        math.Commit(nextKey, 0, frame.Commit, 0);
        var bytes = new byte[frame.EncodedLength];
        FrameCodec.Write(frame, bytes, 0);
        math.Seal(bytes, 0, bytes.Length, nextKey, 0, new byte[32], 0);
        return bytes;
    }
}
