using AqNano.Simulator.Models;
using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Proxied;

/// <summary>The modelled plain sensor: a reading and a cadence with seeded noise, and the unit swap of the
/// scenario (another unit's offset, noise and cadence from its minute on). It knows nothing of chains.</summary>
public sealed class PlainSensor(ProxiedSensorSpec spec, SeededRandom random)
{
    private const double MicrosecondsPerMinute = 60_000_000;

    public bool IsSwapped(long trueUs) => spec.SwapAtMinute is double minute && trueUs >= minute * MicrosecondsPerMinute;

    /// <summary>The reading x 1000, as the gateway decodes it from the sensor's message.</summary>
    public int ReadingMilli(long trueUs)
    {
        bool swapped = IsSwapped(trueUs);
        double value = random.Gaussian(swapped ? spec.SwapValueMean : spec.ValueMean, swapped ? spec.SwapValueNoise : spec.ValueNoise);
        return (int)Math.Round(value * 1000);
    }

    /// <summary>Time to the sensor's next message.</summary>
    public long NextPeriodUs(long trueUs)
    {
        double period = IsSwapped(trueUs) ? spec.SwapPeriodSeconds : spec.PeriodSeconds;
        return (long)(Math.Max(0.1, random.Gaussian(period, spec.PeriodJitterSeconds)) * 1_000_000);
    }

    public bool HasSignal => spec.SignalDbm != null;

    public int SignalDbm() => spec.SignalDbm is double dbm ? (int)Math.Round(random.Gaussian(dbm, 1.5)) : 0;
}
