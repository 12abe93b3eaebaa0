using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Fleet;

/// <summary>Boards connect to a real MQTT broker, one MQTTnet client each, with the network model's loss and
/// outages on top: mqtt:// is an open path, mqtts:// with the broker's CA pinned a confidential one, whatever
/// the scenario says (<see cref="PathOf"/>: the broker sees the transport, not the scenario).</summary>
public sealed class MqttUplinkFactory : IUplinkFactory
{
    private readonly BrokerEndpoint _endpoint;
    private readonly ISimulationScheduler _scheduler;
    private readonly ulong _seed;
    private ulong _connections;

    public MqttUplinkFactory(string host, int port, ISimulationScheduler scheduler, ulong seed)
        : this(new BrokerEndpoint(host, port, null), scheduler, seed)
    {
    }

    public MqttUplinkFactory(BrokerEndpoint endpoint, ISimulationScheduler scheduler, ulong seed)
    {
        _endpoint = endpoint;
        _scheduler = scheduler;
        _seed = seed;
    }

    /// <summary>The path every connection made here has, whatever was requested.</summary>
    public LinkPath PathOf(LinkPath requested) => _endpoint.Path;

    /// <summary>Connects and disconnects once, before any board: an unreachable broker or a CA that does not match
    /// is a clear error at the start (<see cref="MqttTransportException"/>), since boards connect in the background.</summary>
    public void Probe(string clientId)
    {
        using MqttUplink probe = MqttUplink.Connect(_endpoint, clientId);
    }

    public IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions)
    {
        MqttUplink link = MqttUplink.ConnectInBackground(_endpoint, clientId);
        return new ModelledUplink(link, conditions, _scheduler, SeededRandom.Derive(_seed, 0x6D717474 /* "mqtt" */, ++_connections));
    }

    public void Disconnect(IUplink uplink) => (uplink as IDisposable)?.Dispose();
}
