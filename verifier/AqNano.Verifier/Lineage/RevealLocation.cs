using System.Buffers.Binary;
using AqNano.Protocol.Frames;

namespace AqNano.Verifier.Lineage;

/// <summary>Where a recorded frame's chain link sits, read from its own header (DESIGN.md "Wire
/// format v1"): the chain owner (the header's deviceId: for a Witness, the witness), its epoch and
/// seq, and the reveal's offset from shared FrameLayout. Located by kind and exact length only, so
/// that a frame refused for another reason (a reserved bit, a bad tag) is still found.</summary>
public readonly record struct RevealLocation(ulong DeviceId, ulong Epoch, uint Seq, int RevealOffset)
{
    /// <summary>Outcome of <see cref="Find"/>.</summary>
    public enum Kind
    {
        /// <summary>No chain link here: an empty frame or a Decision.</summary>
        NoReveal,
        /// <summary>A Genesis, Observation or Witness whose reveal sits at <see cref="RevealOffset"/>.</summary>
        Located,
        /// <summary>Frame bytes whose layout is unknown: the reveal may be anywhere in them.</summary>
        Unlocatable,
    }

    public static Kind Find(byte[] frame, out RevealLocation location)
    {
        location = default;
        if (frame.Length == 0) return Kind.NoReveal;
        if (frame.Length < FrameLayout.HeaderSize) return Kind.Unlocatable;
        var kind = (FrameKind)frame[FrameLayout.KindOffset];
        int offset;
        switch (kind)
        {
            case FrameKind.Decision when frame.Length == FrameLayout.DecisionSize:
                return Kind.NoReveal;
            case FrameKind.Witness when frame.Length == FrameLayout.WitnessSize:
                offset = FrameLayout.WitnessRevealOffset;
                break;
            case FrameKind.Genesis or FrameKind.Observation when frame.Length >= FrameLayout.ChainFixedSize
                && frame.Length == FrameLayout.ChainFrameSize(BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(FrameLayout.FeatureMaskOffset))):
                offset = FrameLayout.ChainRevealOffset(BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(FrameLayout.FeatureMaskOffset)));
                break;
            default:
                return Kind.Unlocatable;
        }
        location = new RevealLocation(
            BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(FrameLayout.DeviceIdOffset)),
            BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(FrameLayout.EpochOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(FrameLayout.SeqOffset)),
            offset);
        return Kind.Located;
    }
}
