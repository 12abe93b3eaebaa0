using AqNano.Protocol.Frames;
using AqNano.Protocol.Tests.Support;
using CsCheck;

namespace AqNano.Protocol.Tests.Frames;

/// <summary>Write then parse gives back every field, and writing the parsed frame gives
/// back the same bytes, for random values of every field of every kind.</summary>
public class RoundTripTests
{
    [Theory]
    [InlineData(FrameKind.Genesis)]
    [InlineData(FrameKind.Observation)]
    [InlineData(FrameKind.Witness)]
    [InlineData(FrameKind.Decision)]
    public void EveryKindRoundTripsWithRandomFieldValues(FrameKind kind)
    {
        FrameGenerators.Of(kind).Sample(original =>
        {
            var buffer = new byte[FrameLayout.MaxFrameSize + 16];
            int length = FrameCodec.Write(original, buffer, 5);
            Assert.Equal(original.EncodedLength, length);

            var parsed = new Frame();
            Assert.True(FrameCodec.TryParse(buffer, 5, length, parsed, out var rejection), rejection.ToString());
            Assert.Empty(FrameFields.Differences(original, parsed));

            var again = new byte[length];
            Assert.Equal(length, FrameCodec.Write(parsed, again, 0));
            Assert.Equal(buffer.AsSpan(5, length).ToArray(), again);
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void ParsingIntoAReusedFrameClearsAbsentFeatures()
    {
        var full = FrameGenerators.Fixed(FrameKind.Observation, 1)[0];
        full.FeatureMask = Features.AllMask;
        var partial = new Frame(); partial.CopyFrom(full);
        partial.FeatureMask = 0b0000_0101;

        var target = SampleFrames.Parse(SampleFrames.Encode(full));
        var bytes = SampleFrames.Encode(partial);
        Assert.True(FrameCodec.TryParse(bytes, 0, bytes.Length, target, out _));
        Assert.Equal(new[] { full.Features[0], 0, full.Features[2], 0, 0, 0, 0, 0 }, target.Features);
    }

    [Fact]
    public void WriteRefusesAnUnknownKindAndAShortBuffer()
    {
        var frame = FrameGenerators.Fixed(FrameKind.Witness, 1)[0];
        Assert.Equal(0, FrameCodec.Write(frame, new byte[FrameLayout.WitnessSize - 1], 0));
        Assert.Equal(0, FrameCodec.Write(frame, new byte[FrameLayout.WitnessSize], 1));
        Assert.Equal(0, FrameCodec.Write(frame, null!, 0));
        frame.Kind = (FrameKind)9;
        var buffer = new byte[FrameLayout.MaxFrameSize];
        Assert.Equal(0, FrameCodec.Write(frame, buffer, 0));
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
