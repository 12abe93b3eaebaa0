using AqNano.Protocol.Frames;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Benchmark;

/// <summary>Stands where the verifier would: parses every publish in the broker's path (the first
/// thing a verifier does) and counts, so the benchmark pays for a realistic tap and can check that
/// every frame the boards sent arrived well formed.</summary>
public sealed class FrameCountingInterceptor : IPublishInterceptor
{
    private readonly Frame _frame = new();

    public long Frames { get; private set; }
    public long Malformed { get; private set; }

    public PublishDecision Intercept(InterceptedPublish publish)
    {
        if (FrameCodec.TryParse(publish.Payload, 0, publish.Payload.Length, _frame, out _)) Frames++;
        else Malformed++;
        return PublishDecision.Forward;
    }
}
