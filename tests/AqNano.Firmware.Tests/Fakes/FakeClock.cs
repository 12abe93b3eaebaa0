using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>A microsecond clock that moves only when read (a few us of jitter per read, like a tight
/// loop) or when the test advances it.</summary>
public sealed class FakeClock(ulong seed, int resolutionUs = 1) : IMicrosecondClock
{
    private readonly NoiseSource _noise = new(seed);
    public ulong Now = 1_000_000;
    public bool Frozen;

    public ulong NowUs
    {
        get
        {
            if (!Frozen) Now += (ulong)(5 + _noise.Below(40));
            return Now / (ulong)resolutionUs * (ulong)resolutionUs;
        }
    }

    public int ResolutionUs => resolutionUs;

    public void Advance(ulong microseconds) => Now += microseconds;
}
