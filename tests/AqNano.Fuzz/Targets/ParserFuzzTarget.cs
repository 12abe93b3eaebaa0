using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Targets;

/// <summary><see cref="ParserTarget"/> behind <see cref="IFuzzTarget"/>: the outcome is "accepted" or
/// "Malformed:{reason}" (the label the ingest target gives the same refusal).
/// The embedding offset varies with the input so that odd and even offsets are both tried.</summary>
public sealed class ParserFuzzTarget : IFuzzTarget
{
    private readonly ParserTarget target = new();

    public string Name => "parser";

    public string Execute(byte[] input)
    {
        FrameRejection reason = target.Run(input, embedOffset: 1 + input.Length % 13);
        return reason == FrameRejection.None ? "accepted" : "Malformed:" + reason;
    }
}
