using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Scenarios;

namespace AqNano.EndToEnd.Tests;

/// <summary>The harness does what the embedded broker must (DESIGN.md "Ownership (embedded broker)", "Topics"):
/// the device's retained decision topic holds the verifier's latest Decision and the device obeys it; app
/// traffic flows only within the granted scope.</summary>
public sealed class WiringTests
{
    /// <summary>"Nothing acknowledged is ever lost": every obs frame a board got acknowledged over a lossy LAN (1 % of
    /// PUBLISHes and 1 % of PUBACKs lost) reached the verifier and was judged.</summary>
    [Fact]
    public void EveryAcknowledgedFrameIsJudged()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("honest-fleet") with { DurationMinutes = 20 });
        var acknowledged = new List<(long TimeUs, string Frame)>();
        foreach (SimulatedBoard board in run.Run.Devices)
        {
            board.FrameSent += (_, topic, bytes) =>
            {
                if (topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)) acknowledged.Add((run.Scheduler.NowUs, Convert.ToHexString(bytes)));
            };
        }
        run.Execute();

        var judged = run.Judged.Select(j => Convert.ToHexString(j.Publish.Payload)).ToHashSet();
        long endUs = run.Run.MinutesToUs(run.Run.Duration.TotalMinutes);
        List<(long TimeUs, string Frame)> due = acknowledged.Where(a => a.TimeUs < endUs - 1_000_000).ToList();
        Assert.True(due.Count > 800, $"only {due.Count} frames acknowledged");
        Assert.All(due, a => Assert.Contains(a.Frame, judged));
    }

    [Fact]
    public void RetainedDecisionIsTheLatestAndTheBoardsFollowIt()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("honest-fleet") with { DurationMinutes = 10 });
        run.Execute();

        foreach (SimulatedBoard board in run.Run.Devices)
        {
            ulong id = run.Run.DeviceIdOf(board);
            Assert.True(run.Broker.TryGetRetained(Topics.Decision(id), out byte[] retained));
            var frame = new Frame();
            Assert.True(FrameCodec.TryParse(retained, 0, retained.Length, frame, out _));
            PublishedDecision last = run.DecisionsFor(id).Last();
            Assert.Equal((last.Epoch, last.Seq, last.Mode, last.GrantedScope), (frame.Epoch, frame.Seq, frame.Mode, frame.GrantedScope));
            var agent = ((CoreAgentProgram)board.Program!).Agent;
            Assert.Equal(last.Mode, agent.Mode);
            Assert.Equal(last.GrantedScope, agent.GrantedScope);
        }
        Assert.True(run.Interceptor.ApplicationForwarded > 0, "no telemetry reached the broker's subscribers");
        Assert.Equal(0, run.Interceptor.ApplicationRefused);
    }
}
