using AqNano.Protocol.Frames;

namespace AqNano.Protocol.Tests.Support;

/// <summary>Field-level view of a frame for the mutation tests: which field a wire byte
/// belongs to (DESIGN.md "Wire format v1" offsets), and which fields two frames differ in.
/// Structural bytes (magic, version, kind, featureMask, reserved) are named in brackets:
/// a frame can never parse with one of them changed.</summary>
internal static class FrameFields
{
    public static string At(FrameKind kind, ushort featureMask, int offset)
    {
        string? header = offset switch
        {
            < 2 => "[magic]",
            2 => "[version]",
            3 => "[kind]",
            < 12 => nameof(Frame.DeviceId),
            < 20 => nameof(Frame.Epoch),
            < 24 => nameof(Frame.Seq),
            < 32 => nameof(Frame.UptimeUs),
            _ => null,
        };
        if (header != null) return header;
        return kind switch
        {
            FrameKind.Genesis or FrameKind.Observation => ChainBodyAt(featureMask, offset),
            FrameKind.Witness => offset switch
            {
                < 40 => nameof(Frame.SubjectDeviceId),
                < 48 => nameof(Frame.SubjectEpoch),
                < 52 => nameof(Frame.SubjectSeq),
                < 84 => nameof(Frame.SubjectFrameDigest),
                < 86 => nameof(Frame.Rssi),
                86 => nameof(Frame.Path),
                87 => "[reserved]",
                _ => LinkAt(offset - FrameLayout.WitnessRevealOffset),
            },
            _ => offset switch
            {
                32 => nameof(Frame.Mode),
                33 => nameof(Frame.Reason),
                < 36 => nameof(Frame.GrantedScope),
                _ => nameof(Frame.AckFrameDigest),
            },
        };
    }

    private static string ChainBodyAt(ushort featureMask, int offset)
    {
        if (offset == 32) return nameof(Frame.Flags);
        if (offset == 33) return nameof(Frame.ResetCause);
        if (offset < 36) return nameof(Frame.RequestedScope);
        if (offset < 38) return "[featureMask]";
        int revealOffset = FrameLayout.ChainRevealOffset(featureMask);
        if (offset >= revealOffset) return LinkAt(offset - revealOffset);
        int slot = (offset - FrameLayout.FeaturesOffset) / 4;
        for (int feature = 0; feature < Features.Count; feature++)
        {
            if (Features.IsPresent(featureMask, feature) && slot-- == 0) return $"Features[{feature}]";
        }
        throw new ArgumentOutOfRangeException(nameof(offset));
    }

    private static string LinkAt(int linkOffset) => linkOffset switch
    {
        < 32 => nameof(Frame.Reveal),
        < 64 => nameof(Frame.Commit),
        _ => nameof(Frame.Tag),
    };

    /// <summary>The names of the fields meaningful for <paramref name="a"/>'s kind in which
    /// the two frames differ (features only where a's mask names them).</summary>
    public static List<string> Differences(Frame a, Frame b)
    {
        var diff = new List<string>();
        void Check(bool same, string name) { if (!same) diff.Add(name); }
        Check(a.Kind == b.Kind, "[kind]");
        Check(a.DeviceId == b.DeviceId, nameof(Frame.DeviceId));
        Check(a.Epoch == b.Epoch, nameof(Frame.Epoch));
        Check(a.Seq == b.Seq, nameof(Frame.Seq));
        Check(a.UptimeUs == b.UptimeUs, nameof(Frame.UptimeUs));
        if (a.Kind is FrameKind.Genesis or FrameKind.Observation)
        {
            Check(a.Flags == b.Flags, nameof(Frame.Flags));
            Check(a.ResetCause == b.ResetCause, nameof(Frame.ResetCause));
            Check(a.RequestedScope == b.RequestedScope, nameof(Frame.RequestedScope));
            Check(a.FeatureMask == b.FeatureMask, "[featureMask]");
            for (int i = 0; i < Features.Count; i++)
            {
                if (Features.IsPresent(a.FeatureMask, i)) Check(a.Features[i] == b.Features[i], $"Features[{i}]");
            }
        }
        if (a.Kind == FrameKind.Witness)
        {
            Check(a.SubjectDeviceId == b.SubjectDeviceId, nameof(Frame.SubjectDeviceId));
            Check(a.SubjectEpoch == b.SubjectEpoch, nameof(Frame.SubjectEpoch));
            Check(a.SubjectSeq == b.SubjectSeq, nameof(Frame.SubjectSeq));
            Check(a.SubjectFrameDigest.SequenceEqual(b.SubjectFrameDigest), nameof(Frame.SubjectFrameDigest));
            Check(a.Rssi == b.Rssi, nameof(Frame.Rssi));
            Check(a.Path == b.Path, nameof(Frame.Path));
        }
        if (a.IsChainLink)
        {
            Check(a.Reveal.SequenceEqual(b.Reveal), nameof(Frame.Reveal));
            Check(a.Commit.SequenceEqual(b.Commit), nameof(Frame.Commit));
            Check(a.Tag.SequenceEqual(b.Tag), nameof(Frame.Tag));
        }
        if (a.Kind == FrameKind.Decision)
        {
            Check(a.Mode == b.Mode, nameof(Frame.Mode));
            Check(a.Reason == b.Reason, nameof(Frame.Reason));
            Check(a.GrantedScope == b.GrantedScope, nameof(Frame.GrantedScope));
            Check(a.AckFrameDigest.SequenceEqual(b.AckFrameDigest), nameof(Frame.AckFrameDigest));
        }
        return diff;
    }

    /// <summary>Every field of every kind, for checking that a refused parse left the target alone.</summary>
    public static bool AllEqual(Frame a, Frame b)
    {
        var copyA = new Frame(); copyA.CopyFrom(a);
        var copyB = new Frame(); copyB.CopyFrom(b);
        foreach (var kind in Enum.GetValues<FrameKind>())
        {
            copyA.Kind = kind; copyB.Kind = kind;
            copyA.FeatureMask = Features.AllMask; copyB.FeatureMask = Features.AllMask;
            if (Differences(copyA, copyB).Count > 0) return false;
        }
        return a.Kind == b.Kind && a.FeatureMask == b.FeatureMask;
    }
}
