using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>A gateway's radio that lies: from <paramref name="startUs"/> on, every beacon it hands
/// the gateway program has its digest (the last 32 bytes of the firmware's 55-byte beacon) inverted,
/// so the gateway's Witness frames report digests the subjects never sent.</summary>
public sealed class LyingBeaconRadio : IBeaconRadio
{
    private const int DigestSize = 32;
    private readonly IBeaconRadio _inner;
    private readonly ISimulationScheduler _scheduler;
    private readonly long _startUs;

    public LyingBeaconRadio(IBeaconRadio inner, ISimulationScheduler scheduler, long startUs)
    {
        _inner = inner;
        _scheduler = scheduler;
        _startUs = startUs;
    }

    public long LiesTold { get; private set; }

    public bool IsAvailable => _inner.IsAvailable;

    public void Broadcast(byte[] buffer, int offset, int length) => _inner.Broadcast(buffer, offset, length);

    public int Receive(byte[] buffer, int offset, out short rssiDbm)
    {
        int length = _inner.Receive(buffer, offset, out rssiDbm);
        if (length < DigestSize || _scheduler.NowUs < _startUs || offset + length > buffer.Length) return length;
        for (int i = offset + length - DigestSize; i < offset + length; i++) buffer[i] ^= 0xFF;
        LiesTold++;
        return length;
    }
}
