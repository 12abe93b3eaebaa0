using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>One 12-bit ADC input used as an entropy source: a floating input whose level the
/// converter maps through the unit's gain and offset error, a bow (the ESP32 SAR ADC's
/// mid-range nonlinearity; Espressif's ADC calibration notes), slow ageing drift and Gaussian
/// noise, then rounds and clamps to 0..4095.</summary>
public sealed class SimulatedAdcChannel : IAdcChannel
{
    private const double MicrosecondsPerDay = 86_400_000_000.0;
    private readonly UnitProfile _profile;
    private readonly ITrueTime _time;
    private readonly SeededRandom _noise;
    private readonly double _inputCounts;

    public SimulatedAdcChannel(UnitProfile profile, int channelIndex, ITrueTime time, SeededRandom noise)
    {
        _profile = profile;
        _time = time;
        _noise = noise;
        _inputCounts = profile.AdcFloatLevelCounts + 311 * channelIndex;
    }

    public int MaxValue => 4095;

    /// <summary>What the converter reads on average now, before noise and rounding: the value a
    /// measured mean should come close to.</summary>
    public double ExpectedCounts
    {
        get
        {
            double x = Math.Clamp(_inputCounts, 0, MaxValue);
            double bow = _profile.AdcNonlinearityCounts * Math.Sin(Math.PI * x / MaxValue);
            double ageing = _profile.AdcAgeingCountsPerDay * (_time.NowUs / MicrosecondsPerDay);
            return _profile.AdcGain * (x + bow) + _profile.AdcOffsetCounts + ageing;
        }
    }

    public int Read()
    {
        double value = ExpectedCounts + _noise.Gaussian(0, _profile.AdcNoiseCounts);
        return (int)Math.Clamp(Math.Round(value), 0, MaxValue);
    }
}
