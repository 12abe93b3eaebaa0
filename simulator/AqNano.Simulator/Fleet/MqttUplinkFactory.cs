using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Fleet;

/// <summary>Boards connect to a real MQTT broker (mqtt://host:port), one MQTTnet client each, with
/// the network model's loss and outages on top. Plain TCP only: every connection is an open path,
/// whatever the scenario says (<see cref="PathOf"/>); TLS with a pinned CA is not implemented here.</summary>
public sealed class MqttUplinkFactory : IUplinkFactory
{
    private readonly string _host;
    private readonly int _port;
    private readonly ISimulationScheduler _scheduler;
    private readonly ulong _seed;
    private ulong _connections;

    public MqttUplinkFactory(string host, int port, ISimulationScheduler scheduler, ulong seed)
    {
        _host = host;
        _port = port;
        _scheduler = scheduler;
        _seed = seed;
    }

    /// <summary>Parses mqtt://host:port (port 1883 when absent); false for anything else.</summary>
    public static bool TryParseAddress(string address, out string host, out int port)
    {
        host = "";
        port = 1883;
        if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || uri.Scheme != "mqtt" || uri.Host.Length == 0) return false;
        host = uri.Host;
        if (!uri.IsDefaultPort && uri.Port > 0) port = uri.Port;
        return true;
    }

    public static LinkPath PathOf(LinkPath requested) => LinkPath.Open;

    public IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions)
    {
        MqttUplink link = MqttUplink.Connect(_host, _port, clientId);
        return new ModelledUplink(link, conditions, _scheduler, SeededRandom.Derive(_seed, 0x6D717474 /* "mqtt" */, ++_connections));
    }

    public void Disconnect(IUplink uplink) => (uplink as IDisposable)?.Dispose();
}
