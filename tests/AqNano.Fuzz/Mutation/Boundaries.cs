using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Mutation;

/// <summary>Values at the edges of the v1 layout and of the integer types, where exact
/// parsing most likely breaks (DESIGN.md "Wire format v1").</summary>
internal static class Boundaries
{
    public static readonly byte[] Bytes = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x7F, 0x80, 0xFE, 0xFF];

    public static readonly ulong[] UInt64s = [0, 1, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, uint.MaxValue];

    public static readonly uint[] UInt32s = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, uint.MaxValue - 1, uint.MaxValue];

    public static readonly int[] Int32s = [0, 1, -1, int.MaxValue, int.MinValue, 1000, -1000];

    public static readonly ushort[] UInt16s = [0, 1, 0x1F, 0x20, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFF00, 0xFFFF];

    /// <summary>Lengths on either side of every length the parser distinguishes.</summary>
    public static readonly int[] Lengths =
    [
        0, 1, 2, 3, 4, FrameLayout.HeaderSize - 1, FrameLayout.HeaderSize, FrameLayout.HeaderSize + 1,
        FrameLayout.FeatureMaskOffset, FrameLayout.FeatureMaskOffset + 1, FrameLayout.FeaturesOffset - 1, FrameLayout.FeaturesOffset,
        FrameLayout.DecisionSize - 1, FrameLayout.DecisionSize, FrameLayout.DecisionSize + 1,
        FrameLayout.ChainFixedSize - 1, FrameLayout.ChainFixedSize, FrameLayout.ChainFixedSize + 1,
        FrameLayout.ChainMaxSize - 4, FrameLayout.ChainMaxSize, FrameLayout.ChainMaxSize + 1,
        FrameLayout.WitnessSize - 1, FrameLayout.WitnessSize, FrameLayout.WitnessSize + 1,
    ];
}
