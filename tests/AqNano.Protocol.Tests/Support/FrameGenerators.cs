using AqNano.Protocol.Frames;
using CsCheck;

namespace AqNano.Protocol.Tests.Support;

/// <summary>CsCheck generators of valid frames of each kind, every free field random
/// within its wire range (DESIGN.md "Wire format v1").</summary>
internal static class FrameGenerators
{
    private static readonly Gen<byte[]> Digest = Gen.Byte.Array[32];
    private static readonly Gen<byte[]> NonZeroDigest = Digest.Where(d => d.Any(b => b != 0));
    private static readonly Gen<ushort> Scope = Gen.UShort[0, Scopes.All];

    private static readonly Gen<Frame> Header =
        from id in Gen.ULong
        from epoch in Gen.ULong
        from uptime in Gen.ULong
        select new Frame { DeviceId = id, Epoch = epoch, UptimeUs = uptime };

    public static readonly Gen<Frame> Genesis =
        from frame in Header
        from resetCause in Gen.Byte[0, (byte)ResetCause.DeepSleepWake]
        from scope in Scope
        from mask in Gen.UShort[0, Features.AllMask]
        from features in Gen.Int.Array[Features.Count]
        from commit in Digest
        from tag in Digest
        select With(frame, f =>
        {
            f.Kind = FrameKind.Genesis; f.Seq = 0; f.Flags = 0;
            f.ResetCause = (ResetCause)resetCause; f.RequestedScope = scope; f.FeatureMask = mask;
            features.CopyTo(f.Features, 0);
            Link(f, new byte[32], commit, tag);
        });

    public static readonly Gen<Frame> Observation =
        from frame in Header
        from seq in Gen.UInt[1, uint.MaxValue]
        from flags in Gen.Byte[0, ObservationFlags.Defined]
        from scope in Scope
        from mask in Gen.UShort[0, Features.AllMask]
        from features in Gen.Int.Array[Features.Count]
        from reveal in NonZeroDigest
        from commit in Digest
        from tag in Digest
        select With(frame, f =>
        {
            f.Kind = FrameKind.Observation; f.Seq = seq; f.Flags = flags;
            f.ResetCause = ResetCause.Unknown; f.RequestedScope = scope; f.FeatureMask = mask;
            features.CopyTo(f.Features, 0);
            Link(f, reveal, commit, tag);
        });

    public static readonly Gen<Frame> Witness =
        from frame in Header
        from seq in Gen.UInt[1, uint.MaxValue]
        from subjectId in Gen.ULong
        from subjectEpoch in Gen.ULong
        from subjectSeq in Gen.UInt
        from subjectDigest in Digest
        from rssi in Gen.Short
        from path in Gen.Byte[(byte)WitnessPath.Radio, (byte)WitnessPath.Wired]
        from reveal in NonZeroDigest
        from commit in Digest
        from tag in Digest
        select With(frame, f =>
        {
            f.Kind = FrameKind.Witness; f.Seq = seq;
            f.SubjectDeviceId = subjectId; f.SubjectEpoch = subjectEpoch; f.SubjectSeq = subjectSeq;
            subjectDigest.CopyTo(f.SubjectFrameDigest, 0);
            f.Rssi = rssi; f.Path = (WitnessPath)path;
            Link(f, reveal, commit, tag);
        });

    public static readonly Gen<Frame> Decision =
        from frame in Header
        from seq in Gen.UInt
        from mode in Gen.Byte[(byte)DecisionMode.AdmitFull, (byte)DecisionMode.Refused]
        from reason in Gen.Byte
        from scope in Scope
        from ack in Digest
        select With(frame, f =>
        {
            f.Kind = FrameKind.Decision; f.Seq = seq;
            f.Mode = (DecisionMode)mode; f.Reason = reason; f.GrantedScope = scope;
            ack.CopyTo(f.AckFrameDigest, 0);
        });

    public static Gen<Frame> Of(FrameKind kind) => kind switch
    {
        FrameKind.Genesis => Genesis,
        FrameKind.Observation => Observation,
        FrameKind.Witness => Witness,
        _ => Decision,
    };

    /// <summary>A fixed, reproducible list of samples (a PCG from a fixed seed), so that
    /// the exhaustive mutation tests run the same frames on every run.</summary>
    public static List<Frame> Fixed(FrameKind kind, int count)
    {
        var pcg = PCG.Parse("1xn1HwIbwfUS");
        var gen = Of(kind);
        var list = new List<Frame>();
        for (int i = 0; i < count; i++) list.Add(gen.Generate(pcg, null, out _));
        return list;
    }

    private static Frame With(Frame frame, Action<Frame> set)
    {
        set(frame);
        return frame;
    }

    private static void Link(Frame frame, byte[] reveal, byte[] commit, byte[] tag)
    {
        reveal.CopyTo(frame.Reveal, 0);
        commit.CopyTo(frame.Commit, 0);
        tag.CopyTo(frame.Tag, 0);
    }
}
