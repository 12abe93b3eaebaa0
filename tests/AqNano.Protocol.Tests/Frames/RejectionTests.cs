using AqNano.Protocol.Frames;
using AqNano.Protocol.Tests.Support;

namespace AqNano.Protocol.Tests.Frames;

/// <summary>One test per <see cref="FrameRejection"/> value, each reached deliberately from a
/// valid reference frame (STYLE.md 4: malformed input is a return value, one test per reason).</summary>
public class RejectionTests
{
    private static byte[] Genesis => ReferenceVectors.Load().GetProperty("chain")[0].Bytes("frame");
    private static byte[] Observation => ReferenceVectors.Load().GetProperty("chain")[1].Bytes("frame");
    private static byte[] Witness => ReferenceVectors.Load().GetProperty("witness").Bytes("frame");
    private static byte[] Decision => ReferenceVectors.Load().GetProperty("decision").Bytes("frame");

    [Fact]
    public void BufferOutOfRange()
    {
        byte[] valid = Observation;
        AssertRefused(FrameRejection.BufferOutOfRange, null!, 0, 0);
        AssertRefused(FrameRejection.BufferOutOfRange, valid, -1, valid.Length);
        AssertRefused(FrameRejection.BufferOutOfRange, valid, 0, -1);
        AssertRefused(FrameRejection.BufferOutOfRange, valid, 1, valid.Length);
        AssertRefused(FrameRejection.BufferOutOfRange, valid, int.MaxValue, 2);
        Assert.False(FrameCodec.TryParse(valid, 0, valid.Length, null!, out var rejection));
        Assert.Equal(FrameRejection.BufferOutOfRange, rejection);
    }

    [Fact] public void ShorterThanHeader() => AssertFault(Fault.ShorterThanHeader, Observation);
    [Fact] public void BadMagic() => AssertFault(Fault.BadMagic, Decision);
    [Fact] public void UnsupportedVersion() => AssertFault(Fault.UnsupportedVersion, Witness);
    [Fact] public void UnknownKind() => AssertFault(Fault.UnknownKind, Observation);
    [Fact] public void ReservedFeatureBits() => AssertFault(Fault.ReservedFeatureBits, Observation);
    [Fact] public void LengthMismatch() => AssertFault(Fault.LongerByOne, Decision);
    [Fact] public void ReservedFlagBits() => AssertFault(Fault.ReservedFlagBits, Observation);
    [Fact] public void GenesisFlagsSet() => AssertFault(Fault.GenesisFlagsSet, Genesis);
    [Fact] public void ResetCauseOutOfRange() => AssertFault(Fault.ResetCauseOutOfRange, Genesis);
    [Fact] public void ResetCauseInObservation() => AssertFault(Fault.ResetCauseInObservation, Observation);
    [Fact] public void ReservedScopeBits() => AssertFault(Fault.ReservedScopeBits, Genesis);
    [Fact] public void ReservedScopeBitsInDecision() => AssertFault(Fault.DecisionReservedScopeBits, Decision);
    [Fact] public void GenesisSeqNotZero() => AssertFault(Fault.GenesisSeqNotZero, Genesis);
    [Fact] public void GenesisRevealNotZero() => AssertFault(Fault.GenesisRevealNotZero, Genesis);
    [Fact] public void LinkSeqZero() => AssertFault(Fault.LinkSeqZero, Observation);
    [Fact] public void LinkSeqZeroInWitness() => AssertFault(Fault.LinkSeqZero, Witness);
    [Fact] public void LinkRevealZero() => AssertFault(Fault.LinkRevealZero, Observation);
    [Fact] public void LinkRevealZeroInWitness() => AssertFault(Fault.LinkRevealZero, Witness);
    [Fact] public void WitnessPathOutOfRange() => AssertFault(Fault.WitnessPathOutOfRange, Witness);
    [Fact] public void WitnessReservedByte() => AssertFault(Fault.WitnessReservedByte, Witness);
    [Fact] public void DecisionModeOutOfRange() => AssertFault(Fault.DecisionModeOutOfRange, Decision);

    [Fact]
    public void EveryRejectionValueHasItsOwnTest()
    {
        var tested = typeof(RejectionTests).GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0)
            .Select(m => m.Name).ToHashSet();
        foreach (var value in Enum.GetValues<FrameRejection>().Where(v => v != FrameRejection.None))
        {
            Assert.Contains(value.ToString(), tested);
        }
    }

    [Fact]
    public void RejectionNumbersAreStable()
    {
        // docs/PROTOCOL.md and tests/vectors publish these numbers: renumbering breaks other implementations.
        string[] expected =
        [
            "None", "BufferOutOfRange", "ShorterThanHeader", "BadMagic", "UnsupportedVersion", "UnknownKind",
            "ReservedFeatureBits", "LengthMismatch", "ReservedFlagBits", "GenesisFlagsSet", "ResetCauseOutOfRange",
            "ResetCauseInObservation", "ReservedScopeBits", "GenesisSeqNotZero", "GenesisRevealNotZero",
            "LinkSeqZero", "LinkRevealZero", "WitnessPathOutOfRange", "WitnessReservedByte", "DecisionModeOutOfRange",
        ];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], ((FrameRejection)i).ToString());
        Assert.Equal(expected.Length, Enum.GetValues<FrameRejection>().Length);
    }

    private static void AssertFault(Fault fault, byte[] valid)
    {
        Assert.Equal(FrameRejection.None, FrameCodec.Check(valid, 0, valid.Length));
        byte[] bad = fault.ApplyTo(valid);
        AssertRefused(fault.Expected, bad, 0, bad.Length);
    }

    private static void AssertRefused(FrameRejection expected, byte[] buffer, int offset, int length)
    {
        Assert.Equal(expected, FrameCodec.Check(buffer, offset, length));
        var frame = SampleFrames.Parse(Witness);
        Assert.False(FrameCodec.TryParse(buffer, offset, length, frame, out var rejection));
        Assert.Equal(expected, rejection);
        Assert.True(FrameFields.AllEqual(SampleFrames.Parse(Witness), frame), "a refused parse changed the frame");
    }
}
