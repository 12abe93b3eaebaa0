using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Fleet;

/// <summary>Opens a board's connection to a broker: the in-memory one or a real one over MQTT.</summary>
public interface IUplinkFactory
{
    IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions);

    /// <summary>Drops a connection opened here (reboot, power loss).</summary>
    void Disconnect(IUplink uplink);
}
