using AqNano.Protocol.Frames;

namespace AqNano.Protocol.Tests.Support;

/// <summary>One deliberate defect of an encoded frame: bytes to change and/or a length
/// change, and the rejection it must earn on its own. Faults compose, so that the check
/// order can be tested on frames carrying two of them.</summary>
internal sealed record Fault(FrameRejection Expected, Action<byte[]> Mutate, int LengthChange = 0)
{
    public byte[] ApplyTo(byte[] valid) => Apply(valid, this);

    public static byte[] Apply(byte[] valid, params Fault[] faults)
    {
        var bytes = (byte[])valid.Clone();
        foreach (var fault in faults) fault.Mutate(bytes);
        int length = bytes.Length + faults.Sum(f => f.LengthChange);
        var result = new byte[Math.Max(length, 0)];
        Array.Copy(bytes, result, Math.Min(bytes.Length, result.Length));
        return result;
    }

    // Header faults (any kind).
    public static readonly Fault ShorterThanHeader = new(FrameRejection.ShorterThanHeader, _ => { }, -1000);
    public static readonly Fault BadMagic = new(FrameRejection.BadMagic, b => b[1] = (byte)'X');
    public static readonly Fault UnsupportedVersion = new(FrameRejection.UnsupportedVersion, b => b[2] = 2);
    public static readonly Fault UnknownKind = new(FrameRejection.UnknownKind, b => b[3] = 5);
    public static readonly Fault LongerByOne = new(FrameRejection.LengthMismatch, _ => { }, +1);

    // Genesis and Observation body faults.
    public static readonly Fault ReservedFeatureBits = new(FrameRejection.ReservedFeatureBits, b => b[37] |= 0x01);
    public static readonly Fault ReservedFlagBits = new(FrameRejection.ReservedFlagBits, b => b[32] |= 0x04);
    public static readonly Fault GenesisFlagsSet = new(FrameRejection.GenesisFlagsSet, b => b[32] |= ObservationFlags.SlowClock);
    public static readonly Fault ResetCauseOutOfRange = new(FrameRejection.ResetCauseOutOfRange, b => b[33] = 6);
    public static readonly Fault ResetCauseInObservation = new(FrameRejection.ResetCauseInObservation, b => b[33] = (byte)ResetCause.Watchdog);
    public static readonly Fault ReservedScopeBits = new(FrameRejection.ReservedScopeBits, b => b[35] |= 0x80);
    public static readonly Fault GenesisSeqNotZero = new(FrameRejection.GenesisSeqNotZero, b => b[20] = 1);
    public static readonly Fault LinkSeqZero = new(FrameRejection.LinkSeqZero, b => Array.Clear(b, 20, 4));

    /// <summary>Sets one reveal byte (Genesis) or clears the reveal (others); the reveal's
    /// place depends on the kind and featureMask of the frame it is applied to.</summary>
    public static readonly Fault GenesisRevealNotZero = new(FrameRejection.GenesisRevealNotZero, b => b[RevealOffset(b)] = 1);
    public static readonly Fault LinkRevealZero = new(FrameRejection.LinkRevealZero, b => Array.Clear(b, RevealOffset(b), 32));

    // Witness body faults.
    public static readonly Fault WitnessPathOutOfRange = new(FrameRejection.WitnessPathOutOfRange, b => b[86] = 0);
    public static readonly Fault WitnessReservedByte = new(FrameRejection.WitnessReservedByte, b => b[87] = 1);

    // Decision body faults.
    public static readonly Fault DecisionModeOutOfRange = new(FrameRejection.DecisionModeOutOfRange, b => b[32] = 6);
    public static readonly Fault DecisionReservedScopeBits = new(FrameRejection.ReservedScopeBits, b => b[34] |= 0x20);

    private static int RevealOffset(byte[] frame) =>
        frame[3] == (byte)FrameKind.Witness
            ? FrameLayout.WitnessRevealOffset
            : FrameLayout.ChainRevealOffset((ushort)(LittleEndian.ReadUInt16(frame, 36) & Features.AllMask));
}
