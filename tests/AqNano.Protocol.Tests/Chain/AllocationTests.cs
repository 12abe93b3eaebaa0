using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Protocol.Tests.Chain;

/// <summary>Foundation issue, acceptance: encoding into a caller's buffer, parsing into a
/// reused frame and one link verification (Opens + TagMatches) allocate nothing with the
/// host HMAC plugged in (and with the portable one). Measured per thread after warm-up.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData("host")]
    [InlineData("portable")]
    public void EncodeParseAndLinkVerificationAllocateNothing(string implementation)
    {
        var math = new ChainMath(implementation == "host" ? new HostHmacSha256() : new PortableHmacSha256());
        var chain = ReferenceVectors.Load().GetProperty("chain");
        byte[] previousFrame = chain[1].Bytes("frame");
        byte[] previousDigest = chain[1].Bytes("frameDigest");
        byte[] next = chain[2].Bytes("frame");
        var frame = new Frame();
        var parsedPrevious = new Frame();
        var buffer = new byte[FrameLayout.MaxFrameSize];
        Assert.True(FrameCodec.TryParse(previousFrame, 0, previousFrame.Length, parsedPrevious, out _));
        Assert.True(FrameCodec.TryParse(next, 0, next.Length, frame, out _));

        bool Round()
        {
            int length = FrameCodec.Write(frame, buffer, 0);
            bool parsed = FrameCodec.TryParse(buffer, 0, length, frame, out _);
            // Frame 2 reveals R_2: it opens frame 1's commitment and keys frame 1's delayed tag.
            bool opens = math.Opens(frame.Reveal, 0, parsedPrevious.Commit, 0);
            bool tag = math.TagMatches(frame.Reveal, 0, previousDigest, 0, parsedPrevious.Tag, 0);
            return parsed && opens && tag;
        }

        for (int i = 0; i < 100; i++) Assert.True(Round());
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 1000; i++) all &= Round();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(all);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TheMeasurementSeesAnAllocation()
    {
        // Control: the same measurement notices a single small array.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var array = new byte[32];
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(array);
        Assert.True(allocated > 0);
    }
}
