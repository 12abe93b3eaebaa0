using AqNano.Protocol.Frames;
using AqNano.Protocol.Tests.Support;

namespace AqNano.Protocol.Tests.Frames;

/// <summary>Foundation issue, acceptance: every truncation, every extension and every
/// single-bit flip of a valid frame yields a typed rejection, or (for a flip in a free
/// field) a frame that differs from the original exactly in that field; never an
/// exception, and a refused parse leaves the caller's frame untouched.</summary>
public class MutationTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SampleFrames.All()) data.Add(name);
        return data;
    }

    private static byte[] Sample(string name) => SampleFrames.All().Single(s => s.Name == name).Bytes;

    [Theory, MemberData(nameof(Samples))]
    public void EveryTruncationIsRefused(string sample)
    {
        byte[] bytes = Sample(sample);
        for (int length = 0; length < bytes.Length; length++)
        {
            // Both a short length over the full buffer and a buffer that really ends there.
            AssertRefused(bytes, length, $"{sample} cut to {length}");
            AssertRefused(bytes[..length], length, $"{sample} cut to {length} (own buffer)");
        }
    }

    [Theory, MemberData(nameof(Samples))]
    public void EveryExtensionIsRefused(string sample)
    {
        byte[] bytes = Sample(sample);
        var random = new Random(bytes.Length);
        for (int extra = 1; extra <= 200; extra++)
        {
            var longer = new byte[bytes.Length + extra];
            bytes.CopyTo(longer, 0);
            if (extra % 2 == 0) random.NextBytes(longer.AsSpan(bytes.Length));
            Assert.Equal(FrameRejection.LengthMismatch, AssertRefused(longer, longer.Length, $"{sample} + {extra}"));
        }
    }

    [Theory, MemberData(nameof(Samples))]
    public void EverySingleBitFlipIsRefusedOrChangesExactlyItsField(string sample)
    {
        byte[] bytes = Sample(sample);
        var original = SampleFrames.Parse(bytes);
        var target = new Frame();
        for (int bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            string field = FrameFields.At(original.Kind, original.FeatureMask, bit / 8);

            target.CopyFrom(original);
            if (FrameCodec.TryParse(flipped, 0, flipped.Length, target, out var rejection))
            {
                Assert.Equal(FrameRejection.None, rejection);
                Assert.Equal(new[] { field }, FrameFields.Differences(original, target));
                Assert.Equal(flipped, SampleFrames.Encode(target));
            }
            else
            {
                Assert.True(Enum.IsDefined(rejection) && rejection != FrameRejection.None, $"{sample} bit {bit}: {rejection}");
                Assert.True(FrameFields.AllEqual(original, target), $"{sample} bit {bit}: refused parse changed the frame");
            }
        }
    }

    [Fact]
    public void FlipsInFreeFieldsAreAcceptedAndStructuralFlipsNever()
    {
        // Guards the test above against passing by refusing everything.
        var observation = SampleFrames.Parse(Sample("reference seq 1"));
        byte[] bytes = Sample("reference seq 1");
        var accepted = new HashSet<string>();
        for (int bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            if (FrameCodec.Check(flipped, 0, flipped.Length) == FrameRejection.None)
            {
                accepted.Add(FrameFields.At(observation.Kind, observation.FeatureMask, bit / 8));
            }
        }
        Assert.Superset(new HashSet<string> { "DeviceId", "Epoch", "Seq", "UptimeUs", "Flags", "RequestedScope", "Reveal", "Commit", "Tag", "Features[0]", "Features[7]" }, accepted);
        Assert.DoesNotContain(accepted, f => f.StartsWith('['));
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(7);
        var frame = new Frame();
        var buffer = new byte[256];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            if (i % 2 == 0) { buffer[0] = FrameLayout.Magic0; buffer[1] = FrameLayout.Magic1; buffer[2] = 1; buffer[3] = (byte)(1 + i % 4); }
            int offset = random.Next(-2, 260);
            int length = random.Next(-2, 260);
            FrameCodec.TryParse(buffer, offset, length, frame, out _);
        }
    }

    private static FrameRejection AssertRefused(byte[] buffer, int length, string what)
    {
        var target = new Frame();
        var before = new Frame();
        before.CopyFrom(target);
        bool parsed = FrameCodec.TryParse(buffer, 0, length, target, out var rejection);
        Assert.False(parsed, what);
        Assert.True(Enum.IsDefined(rejection) && rejection != FrameRejection.None, $"{what}: {rejection}");
        Assert.True(FrameFields.AllEqual(before, target), $"{what}: refused parse changed the frame");
        return rejection;
    }
}
