using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>Simulator processes sharing one broker (tests/load/run-fleet-load.sh runs four) must never share an
/// MQTT client id: a second CONNECT under an id takes the first one's session over, and both boards then
/// reconnect for ever (docs/PERFORMANCE.md "Fleet load", run M).</summary>
public sealed class ClientIdTests
{
    [Fact]
    public void Fleets_with_different_seeds_use_different_client_ids_for_boards_of_the_same_name()
    {
        var first = ClientIds(seed: 7004);
        var second = ClientIds(seed: 7005);

        Assert.Equal(5, first.Count);
        Assert.Equal(5, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(first, ClientIds(seed: 7004)); // deterministic for a seed
    }

    private static List<string> ClientIds(ulong seed)
    {
        var scheduler = new VirtualScheduler();
        var recorder = new RecordingUplinks(new InMemoryUplinkFactory(new InMemoryBroker(scheduler, seed)));
        var run = new ScenarioRun(ScenarioCatalogue.Find("honest-fleet"),
            new RunOptions { Scheduler = scheduler, Uplinks = recorder, Seed = seed, Devices = 5, DurationMinutes = 0.5 });
        run.Run();
        return recorder.ClientIds.Distinct().ToList();
    }

    private sealed class RecordingUplinks(IUplinkFactory inner) : IUplinkFactory
    {
        public List<string> ClientIds { get; } = [];

        public IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions)
        {
            ClientIds.Add(clientId);
            return inner.Connect(label, clientId, path, conditions);
        }

        public void Disconnect(IUplink uplink) => inner.Disconnect(uplink);
    }
}
