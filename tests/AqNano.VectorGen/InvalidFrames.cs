using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.VectorGen;

/// <summary>One refused byte string per reachable <see cref="FrameRejection"/> (all but None and
/// BufferOutOfRange, which is about the caller's buffer, not the bytes), each a small edit
/// of a valid vector frame, with the edit described for readers in other languages.</summary>
internal static class InvalidFrames
{
    public static List<(string Description, FrameRejection Expected, byte[] Bytes)> From(
        byte[] genesis, byte[] observation, byte[] witness, byte[] decision)
    {
        int obsReveal = FrameLayout.ChainRevealOffset(LittleEndian.ReadUInt16(observation, FrameLayout.FeatureMaskOffset));
        int genReveal = FrameLayout.ChainRevealOffset(LittleEndian.ReadUInt16(genesis, FrameLayout.FeatureMaskOffset));
        var list = new List<(string, FrameRejection, byte[])>
        {
            ("observation cut to 31 bytes", FrameRejection.ShorterThanHeader, observation[..31]),
            ("observation with byte 1 'X' instead of 'Q'", FrameRejection.BadMagic, Edit(observation, b => b[1] = (byte)'X')),
            ("witness with version 2", FrameRejection.UnsupportedVersion, Edit(witness, b => b[2] = 2)),
            ("observation with kind 5", FrameRejection.UnknownKind, Edit(observation, b => b[3] = 5)),
            ("observation with kind 0", FrameRejection.UnknownKind, Edit(observation, b => b[3] = 0)),
            ("observation with featureMask bit 8 set", FrameRejection.ReservedFeatureBits, Edit(observation, b => b[37] |= 0x01)),
            ("observation one byte short", FrameRejection.LengthMismatch, observation[..^1]),
            ("decision with one extra zero byte", FrameRejection.LengthMismatch, Edit(decision, _ => { }, 1)),
            ("observation with one more featureMask bit than it carries features for", FrameRejection.LengthMismatch, Edit(observation, b => b[36] |= 0x02)),
            ("observation with flags bit 2 set", FrameRejection.ReservedFlagBits, Edit(observation, b => b[32] |= 0x04)),
            ("genesis with the slowClock flag", FrameRejection.GenesisFlagsSet, Edit(genesis, b => b[32] = ObservationFlags.SlowClock)),
            ("genesis with resetCause 6", FrameRejection.ResetCauseOutOfRange, Edit(genesis, b => b[33] = 6)),
            ("observation with resetCause 3", FrameRejection.ResetCauseInObservation, Edit(observation, b => b[33] = 3)),
            ("observation with requestedScope bit 5 set", FrameRejection.ReservedScopeBits, Edit(observation, b => b[34] |= 0x20)),
            ("decision with grantedScope bit 15 set", FrameRejection.ReservedScopeBits, Edit(decision, b => b[35] |= 0x80)),
            ("genesis with seq 1", FrameRejection.GenesisSeqNotZero, Edit(genesis, b => b[20] = 1)),
            ("genesis with a non-zero reveal byte", FrameRejection.GenesisRevealNotZero, Edit(genesis, b => b[genReveal + 31] = 1)),
            ("observation with seq 0", FrameRejection.LinkSeqZero, Edit(observation, b => Array.Clear(b, 20, 4))),
            ("witness with seq 0", FrameRejection.LinkSeqZero, Edit(witness, b => Array.Clear(b, 20, 4))),
            ("observation with an all-zero reveal", FrameRejection.LinkRevealZero, Edit(observation, b => Array.Clear(b, obsReveal, 32))),
            ("witness with an all-zero reveal", FrameRejection.LinkRevealZero, Edit(witness, b => Array.Clear(b, FrameLayout.WitnessRevealOffset, 32))),
            ("witness with path 0 (a relay)", FrameRejection.WitnessPathOutOfRange, Edit(witness, b => b[86] = 0)),
            ("witness with path 3", FrameRejection.WitnessPathOutOfRange, Edit(witness, b => b[86] = 3)),
            ("witness with reserved byte 87 set", FrameRejection.WitnessReservedByte, Edit(witness, b => b[87] = 1)),
            ("decision with mode 0", FrameRejection.DecisionModeOutOfRange, Edit(decision, b => b[32] = 0)),
            ("decision with mode 6", FrameRejection.DecisionModeOutOfRange, Edit(decision, b => b[32] = 6)),
        };
        foreach (var (description, expected, bytes) in list)
        {
            var actual = FrameCodec.Check(bytes, 0, bytes.Length);
            if (actual != expected) throw new InvalidOperationException($"{description}: expected {expected}, parser says {actual}");
        }
        return list;
    }

    private static byte[] Edit(byte[] valid, Action<byte[]> edit, int extraBytes = 0)
    {
        var bytes = new byte[valid.Length + extraBytes];
        valid.CopyTo(bytes, 0);
        edit(bytes);
        return bytes;
    }
}
