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
