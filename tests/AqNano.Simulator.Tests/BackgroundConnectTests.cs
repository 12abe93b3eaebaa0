using System.Net;
using System.Net.Sockets;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>A board's CONNECT never holds the simulator's one thread (docs/PERFORMANCE.md "Fleet load", run P):
/// the factory hands back an uplink at once, down until its CONNACK, as a board powering on sees it.</summary>
public sealed class BackgroundConnectTests
{
    [Fact]
    public void A_board_whose_broker_has_not_answered_yet_gets_an_uplink_that_is_down_not_a_wait()
    {
        // Accepts the TCP connection and never sends a CONNACK: a blocking connect would wait for its timeout, then throw.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var factory = new MqttUplinkFactory(new BrokerEndpoint("127.0.0.1", port, null), new RealTimeScheduler(), 1);

        var uplink = factory.Connect("board", "silent-board", LinkPath.Open, new LinkConditions());

        Assert.False(uplink.IsConnected);
        Assert.False(uplink.Publish("aq/v1/dev/0102030405060708/obs", [1], 0, 1, false));
        factory.Disconnect(uplink);
    }

    [Fact]
    public async Task The_uplink_comes_up_once_the_broker_answers()
    {
        await using LoopbackBroker broker = await LoopbackBroker.StartAsync();
        var factory = new MqttUplinkFactory(new BrokerEndpoint("127.0.0.1", broker.Port, null), new RealTimeScheduler(), 2);

        var uplink = factory.Connect("board", "late-board", LinkPath.Open, new LinkConditions());

        Assert.True(SpinWait.SpinUntil(() => uplink.IsConnected, TimeSpan.FromSeconds(30)), "never connected");
        Assert.True(uplink.Publish("aq/v1/dev/0102030405060708/obs", [1], 0, 1, false));
        factory.Disconnect(uplink);
    }
}
