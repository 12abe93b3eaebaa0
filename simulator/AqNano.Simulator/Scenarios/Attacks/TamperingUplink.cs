using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>Alters a feature of the next Count Observations in flight without blocking them: the
/// temperature (or the first present feature) gains 1.000. The tag, keyed by the not yet revealed
/// key, no longer matches: DESIGN.md "modify a frame in flight".</summary>
public sealed class TamperingUplink : IUplink
{
    private readonly IUplink _inner;
    private readonly ISimulationScheduler _scheduler;
    private readonly long _startUs;
    private readonly Action<uint> _onTampered;
    private readonly Frame _seen = new();
    private int _remaining;

    public TamperingUplink(IUplink inner, ISimulationScheduler scheduler, long startUs, int count, Action<uint> onTampered)
    {
        _inner = inner;
        _scheduler = scheduler;
        _startUs = startUs;
        _remaining = count;
        _onTampered = onTampered;
    }

    public bool IsConnected => _inner.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        if (_remaining <= 0 || _scheduler.NowUs < _startUs || !topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)
            || !FrameCodec.TryParse(payload, offset, length, _seen, out _) || _seen.Kind != FrameKind.Observation || _seen.FeatureMask == 0)
        {
            return _inner.Publish(topic, payload, offset, length, retain);
        }
        int feature = Features.IsPresent(_seen.FeatureMask, Features.TemperatureC) ? Features.TemperatureC : LowestFeature(_seen.FeatureMask);
        byte[] altered = payload.AsSpan(offset, length).ToArray();
        int at = Rewrites.FeatureOffset(_seen.FeatureMask, feature);
        LittleEndian.WriteUInt32(altered, at, (uint)(_seen.Features[feature] + Features.Scale));
        bool acknowledged = _inner.Publish(topic, altered, 0, altered.Length, retain);
        if (acknowledged)
        {
            _remaining--;
            _onTampered(_seen.Seq);
        }
        return acknowledged;
    }

    public bool Subscribe(string topic) => _inner.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic) => _inner.Receive(buffer, offset, out topic);

    private static int LowestFeature(ushort mask)
    {
        for (int i = 0; i < Features.Count; i++)
        {
            if (Features.IsPresent(mask, i)) return i;
        }
        return 0;
    }
}
