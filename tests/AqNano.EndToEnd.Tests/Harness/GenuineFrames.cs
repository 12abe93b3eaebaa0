using AqNano.Simulator.Fleet;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>The exact bytes each board's own firmware published (before any attacker on its path touched them),
/// so that the first frame the verifier receives for a device that its board never sent (a clone's link, a
/// man in the middle's n', a tampered copy) can be found: the divergent frame of issue 5's acceptance.</summary>
public sealed class GenuineFrames
{
    private readonly Dictionary<string, HashSet<string>> _byBoard = new(StringComparer.Ordinal);

    public GenuineFrames(IEnumerable<SimulatedBoard> boards)
    {
        foreach (SimulatedBoard board in boards)
        {
            var frames = _byBoard[board.Name] = new HashSet<string>(StringComparer.Ordinal);
            board.FrameSent += (_, _, bytes) => frames.Add(Convert.ToHexString(bytes));
        }
    }

    public bool Sent(string board, byte[] payload) => _byBoard[board].Contains(Convert.ToHexString(payload));

    /// <summary>Position, among the frames judged for <paramref name="deviceId"/>, of the first one its board never
    /// sent (-1 if none), and of the first judgement from there on whose reason is one of <paramref name="reasons"/>.
    /// Byte-identical redeliveries (QoS 1 duplicates) are not counted: they are the same frame again.</summary>
    public (int Divergent, int Caught, IReadOnlyList<JudgedPublish> Frames) Locate(EndToEndRun run, ulong deviceId, string board, params byte[] reasons)
    {
        List<JudgedPublish> frames = run.JudgedFor(deviceId).Where(j => j.Judgement.Verdict != Verifier.Verdict.Duplicate).ToList();
        int divergent = frames.FindIndex(j => !Sent(board, j.Publish.Payload));
        int caught = divergent < 0 ? -1 : frames.FindIndex(divergent, j => reasons.Contains(j.Judgement.Reason));
        return (divergent, caught, frames);
    }
}
