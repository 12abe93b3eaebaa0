using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Models;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Network;

/// <summary>The network model on a real broker's connection: outage windows (not connected, nothing
/// in or out), PUBLISH loss (never sent) and PUBACK loss (sent, reported unacknowledged, so the Core
/// resends a QoS 1 duplicate). Delay is the real network's own: a publish cannot be acknowledged
/// before it was sent, so none is added here.</summary>
public sealed class ModelledUplink : IUplink, INotifyingUplink, IDisposable
{
    private readonly IUplink _inner;
    private readonly LinkConditions _conditions;
    private readonly ISimulationScheduler _time;
    private readonly SeededRandom _random;

    public ModelledUplink(IUplink inner, LinkConditions conditions, ISimulationScheduler time, SeededRandom random)
    {
        _inner = inner;
        _conditions = conditions;
        _time = time;
        _random = random;
    }

    public IUplink Inner => _inner;

    public event Action? MessageArrived
    {
        add { if (_inner is INotifyingUplink notifying) notifying.MessageArrived += value; }
        remove { if (_inner is INotifyingUplink notifying) notifying.MessageArrived -= value; }
    }

    private bool Down => _conditions.IsDown(_time.NowUs);

    public bool IsConnected => !Down && _inner.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        if (Down || _random.Chance(_conditions.PublishLossProbability)) return false;
        bool acknowledged = _inner.Publish(topic, payload, offset, length, retain);
        return acknowledged && !_random.Chance(_conditions.AckLossProbability);
    }

    public bool Subscribe(string topic) => !Down && _inner.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        topic = null!;
        return Down ? -1 : _inner.Receive(buffer, offset, out topic);
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
