using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Network;

/// <summary>The Core's <see cref="IUplink"/> over an in-memory broker session.</summary>
public sealed class LinkUplink : IUplink, INotifyingUplink
{
    private readonly BrokerConnection _connection;

    public LinkUplink(BrokerConnection connection) => _connection = connection;

    public event Action? MessageArrived
    {
        add => _connection.MessageQueued += value;
        remove => _connection.MessageQueued -= value;
    }

    public BrokerConnection Connection => _connection;

    public bool IsConnected => _connection.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain) =>
        _connection.Publish(topic, payload, offset, length, retain);

    public bool Subscribe(string topic) => _connection.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        topic = null!;
        if (!_connection.TryReceive(out ReceivedMessage message)) return -1;
        topic = message.Topic;
        Array.Copy(message.Payload, 0, buffer, offset, Math.Min(message.Payload.Length, buffer.Length - offset));
        return message.Payload.Length;
    }
}
