using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Fleet;

/// <summary>Boards connect to the one-process <see cref="InMemoryBroker"/>.</summary>
public sealed class InMemoryUplinkFactory : IUplinkFactory
{
    private readonly InMemoryBroker _broker;

    public InMemoryUplinkFactory(InMemoryBroker broker) => _broker = broker;

    public IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions) =>
        new LinkUplink(_broker.Connect(label, clientId, path, conditions));

    public void Disconnect(IUplink uplink)
    {
        if (uplink is LinkUplink link) link.Connection.Close();
    }
}
