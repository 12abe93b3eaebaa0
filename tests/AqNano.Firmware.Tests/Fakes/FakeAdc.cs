using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>A floating 12-bit ADC pin: mid-scale plus noise; <see cref="Stuck"/> makes it a dead source.
/// Keeps the last readings in a fixed log so that tests can check raw_n against what the fake produced.</summary>
public sealed class FakeAdc(ulong seed) : IAdcChannel
{
    private readonly NoiseSource _noise = new(seed);
    public readonly int[] Log = new int[4096];
    public int LogCount;
    public int? Stuck;

    public int MaxValue => 4095;

    public int Read()
    {
        int value = Stuck ?? 2048 + _noise.Below(64) - 32;
        Log[LogCount % Log.Length] = value;
        LogCount++;
        return value;
    }
}
