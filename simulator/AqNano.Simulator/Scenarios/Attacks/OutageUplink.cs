using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>Cuts a board off its broker for a window of true time: not connected, nothing sent,
/// nothing received (messages wait at the broker). Works on any transport, a real broker too.</summary>
public sealed class OutageUplink : IUplink
{
    private readonly IUplink _inner;
    private readonly ISimulationScheduler _scheduler;
    private readonly long _startUs;
    private readonly long _endUs;

    public OutageUplink(IUplink inner, ISimulationScheduler scheduler, long startUs, long endUs)
    {
        _inner = inner;
        _scheduler = scheduler;
        _startUs = startUs;
        _endUs = endUs;
    }

    private bool Down => _scheduler.NowUs >= _startUs && _scheduler.NowUs < _endUs;

    public bool IsConnected => !Down && _inner.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain) =>
        !Down && _inner.Publish(topic, payload, offset, length, retain);

    public bool Subscribe(string topic) => !Down && _inner.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        topic = null!;
        return Down ? -1 : _inner.Receive(buffer, offset, out topic);
    }
}
