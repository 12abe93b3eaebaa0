using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Targets;

/// <summary>A self-check of the fuzzing pipeline, not of the product: it "crashes" on every frame that
/// parses as a Decision, which the seed corpus contains. `run-afl.sh canary 30` must report crashes
/// and a campaign against it must count exceptions; if either reports none, the pipeline is blind.</summary>
public sealed class CanaryFuzzTarget : IFuzzTarget
{
    private readonly Frame frame = new();

    public string Name => "canary";

    public string Execute(byte[] input)
    {
        if (FrameCodec.TryParse(input, 0, input.Length, frame, out FrameRejection reason) && frame.Kind == FrameKind.Decision)
        {
            throw new FuzzInvariantException("canary: a Decision parsed (expected: this target exists to be caught)");
        }
        return reason == FrameRejection.None ? "accepted" : "Malformed:" + reason;
    }
}
