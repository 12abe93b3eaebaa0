using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Verifier.App.Tests.Support;

public static class Decisions
{
    public static Frame Parse(byte[] payload)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(payload, 0, payload.Length, frame, out var rejection), $"decision did not parse: {rejection}");
        Assert.Equal(FrameKind.Decision, frame.Kind);
        return frame;
    }

    public static Func<byte[], bool> WithMode(DecisionMode mode) => bytes => Parse(bytes).Mode == mode;
}
