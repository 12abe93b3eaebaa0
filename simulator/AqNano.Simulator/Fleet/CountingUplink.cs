using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Fleet;

/// <summary>Counts what a board got acknowledged, for the summary table; passes everything through.</summary>
public sealed class CountingUplink : IUplink
{
    private readonly IUplink _inner;

    public CountingUplink(IUplink inner) => _inner = inner;

    public IUplink Inner => _inner;
    public long AcknowledgedCount { get; private set; }
    public long UnacknowledgedCount { get; private set; }
    public long ReceivedCount { get; private set; }

    /// <summary>Every acknowledged publish: topic, bytes (a copy is the listener's business).</summary>
    public event Action<string, byte[], int, int>? Acknowledged;

    public bool IsConnected => _inner.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        bool acknowledged = _inner.Publish(topic, payload, offset, length, retain);
        if (!acknowledged)
        {
            UnacknowledgedCount++;
            return false;
        }
        AcknowledgedCount++;
        Acknowledged?.Invoke(topic, payload, offset, length);
        return true;
    }

    public bool Subscribe(string topic) => _inner.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        int length = _inner.Receive(buffer, offset, out topic);
        if (length >= 0) ReceivedCount++;
        return length;
    }
}
