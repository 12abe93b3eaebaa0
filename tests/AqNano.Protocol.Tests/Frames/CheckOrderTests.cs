using AqNano.Protocol.Frames;
using AqNano.Protocol.Tests.Support;

namespace AqNano.Protocol.Tests.Frames;

/// <summary>The check order documented in docs/PROTOCOL.md ("Parsing: check order"): a frame
/// with two defects is refused for the one checked first. Every ordered pair of each
/// kind's sequence is tried.</summary>
public class CheckOrderTests
{
    private static readonly Fault[] Header = [Fault.ShorterThanHeader, Fault.BadMagic, Fault.UnsupportedVersion, Fault.UnknownKind];

    private static readonly Fault[] GenesisOrder =
    [
        Fault.BadMagic, Fault.UnsupportedVersion, Fault.ReservedFeatureBits, Fault.LongerByOne,
        Fault.ReservedFlagBits, Fault.GenesisFlagsSet, Fault.ResetCauseOutOfRange, Fault.ReservedScopeBits,
        Fault.GenesisSeqNotZero, Fault.GenesisRevealNotZero,
    ];

    private static readonly Fault[] ObservationOrder =
    [
        Fault.BadMagic, Fault.UnsupportedVersion, Fault.ReservedFeatureBits, Fault.LongerByOne,
        Fault.ReservedFlagBits, Fault.ResetCauseInObservation, Fault.ReservedScopeBits,
        Fault.LinkSeqZero, Fault.LinkRevealZero,
    ];

    private static readonly Fault[] WitnessOrder =
    [
        Fault.BadMagic, Fault.UnsupportedVersion, Fault.LongerByOne, Fault.WitnessPathOutOfRange,
        Fault.WitnessReservedByte, Fault.LinkSeqZero, Fault.LinkRevealZero,
    ];

    private static readonly Fault[] DecisionOrder =
    [
        Fault.BadMagic, Fault.UnsupportedVersion, Fault.LongerByOne, Fault.DecisionModeOutOfRange,
        Fault.DecisionReservedScopeBits,
    ];

    [Fact] public void HeaderChecksRunInOrder() => AssertOrder(Header, Reference(1));
    [Fact] public void GenesisChecksRunInOrder() => AssertOrder(GenesisOrder, Reference(0));
    [Fact] public void ObservationChecksRunInOrder() => AssertOrder(ObservationOrder, Reference(1));
    [Fact] public void WitnessChecksRunInOrder() => AssertOrder(WitnessOrder, ReferenceVectors.Load().GetProperty("witness").Bytes("frame"));
    [Fact] public void DecisionChecksRunInOrder() => AssertOrder(DecisionOrder, ReferenceVectors.Load().GetProperty("decision").Bytes("frame"));

    [Fact]
    public void AChainFrameTooShortForItsFeatureMaskIsALengthMismatchBeforeTheMaskIsRead()
    {
        // Bytes 36-37 (featureMask) do not exist below 38 bytes: the length check comes first there.
        byte[] bad = Fault.ReservedFeatureBits.ApplyTo(Reference(1))[..37];
        Assert.Equal(FrameRejection.LengthMismatch, FrameCodec.Check(bad, 0, bad.Length));
    }

    private static byte[] Reference(int seq) => ReferenceVectors.Load().GetProperty("chain")[seq].Bytes("frame");

    private static void AssertOrder(Fault[] order, byte[] valid)
    {
        Assert.Equal(FrameRejection.None, FrameCodec.Check(valid, 0, valid.Length));
        for (int first = 0; first < order.Length; first++)
        {
            byte[] single = order[first].ApplyTo(valid);
            Assert.Equal(order[first].Expected, FrameCodec.Check(single, 0, single.Length));
            for (int later = first + 1; later < order.Length; later++)
            {
                byte[] both = Fault.Apply(valid, order[first], order[later]);
                Assert.True(order[first].Expected == FrameCodec.Check(both, 0, both.Length),
                    $"{order[first].Expected} must be reported before {order[later].Expected}, got {FrameCodec.Check(both, 0, both.Length)}");
            }
        }
    }
}
