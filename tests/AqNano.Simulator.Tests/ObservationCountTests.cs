using AqNano.Protocol;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>The fleet load benchmark (tests/load) compares the obs frames the boards got acknowledged
/// with the frames in the verifier's ledger, so that count must hold obs frames only, every boot.</summary>
public sealed class ObservationCountTests
{
    [Fact]
    public void ObservationsAcknowledgedCountsExactlyTheAcknowledgedObsPublishesOfEveryBoot()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 11);
        // honest-fleet reboots board 5 at minute 30: seven boards for 40 minutes cover two boots of one board.
        ScenarioRun run = new(ScenarioCatalogue.Find("honest-fleet"), new RunOptions { Scheduler = scheduler, Broker = broker, Devices = 7, DurationMinutes = 40 });
        Dictionary<string, long> obsSeen = new(), otherSeen = new();
        foreach (SimulatedBoard board in run.Devices)
            board.FrameSent += (b, topic, _) =>
            {
                var counts = topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal) ? obsSeen : otherSeen;
                counts[b.Name] = counts.GetValueOrDefault(b.Name) + 1;
            };
        run.Run();

        Assert.Contains(run.Devices, b => b.BootCount > 1);
        foreach (SimulatedBoard board in run.Devices)
        {
            Assert.True(board.ObservationsAcknowledged > 0, board.Name);
            Assert.Equal(obsSeen.GetValueOrDefault(board.Name), board.ObservationsAcknowledged);
            Assert.Equal(board.TotalAcknowledged, board.ObservationsAcknowledged + otherSeen.GetValueOrDefault(board.Name));
        }
    }
}
