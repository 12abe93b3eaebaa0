using AqNano.Simulator.Models;

namespace AqNano.Simulator.Tests;

/// <summary>Issue 4 acceptance: the measured skew and loop jitter of a simulated unit match what its
/// seed drew, within the stated tolerances.</summary>
public sealed class ClockModelTests
{
    private static (SimulatedClock Clock, ManualTime Time, SiteEnvironment Environment) Unit(UnitProfile profile)
    {
        ManualTime time = new();
        SiteEnvironment environment = new(profile, time, SeededRandom.Derive(1, 1), 6);
        return (new SimulatedClock(profile, time, environment, SeededRandom.Derive(1, 2)), time, environment);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MeasuredSkewAtTurnoverEqualsTheDrawnSkew(int index)
    {
        UnitProfile profile = UnitProfile.Draw(99, index, BoardKind.Esp32);
        var (clock, time, environment) = Unit(profile);
        environment.FixedTemperatureC = 25;
        clock.BeginStep();
        ulong start = clock.NowUs;
        time.NowUs = 3_600_000_000; // one hour
        clock.BeginStep();
        ulong end = clock.NowUs;
        double measuredPpm = ((double)(end - start) / time.NowUs - 1) * 1e6;
        // Each read costs one loop time (< 100 µs), i.e. < 0.03 ppm over an hour: tolerance 0.05 ppm.
        Assert.InRange(measuredPpm, profile.SkewPpm - 0.05, profile.SkewPpm + 0.05);
    }

    [Fact]
    public void TemperatureBendsTheRateParabolically()
    {
        UnitProfile profile = UnitProfile.Draw(99, 5, BoardKind.Esp32);
        var (clock, time, environment) = Unit(profile);
        environment.FixedTemperatureC = 45;
        clock.BeginStep();
        ulong start = clock.NowUs;
        time.NowUs = 3_600_000_000;
        clock.BeginStep();
        double measuredPpm = ((double)(clock.NowUs - start) / time.NowUs - 1) * 1e6;
        double expected = profile.SkewPpm + profile.TemperatureCoefficientPpmPerSquaredC * 20 * 20;
        Assert.InRange(measuredPpm, expected - 0.05, expected + 0.05);
        Assert.True(measuredPpm < profile.SkewPpm - 10, "20 °C off turnover must slow a tuning-fork crystal by >10 ppm");
    }

    [Fact]
    public void LoopJitterStatisticsMatchTheDrawnOnes()
    {
        UnitProfile profile = UnitProfile.Draw(99, 7, BoardKind.Esp32);
        var (clock, _, _) = Unit(profile);
        clock.BeginStep();
        ulong previous = clock.NowUs;
        List<double> deltas = new();
        for (int i = 0; i < 20_000; i++)
        {
            ulong now = clock.NowUs;
            deltas.Add(now - previous);
            previous = now;
        }
        (double mean, double sd) = Statistics.Of(deltas);
        // Integer microseconds add 1/12 µs² of rounding variance; bounds are 5 standard errors plus that.
        Assert.InRange(mean, profile.LoopTimeUs - 0.6, profile.LoopTimeUs + 0.6);
        Assert.InRange(sd, profile.LoopJitterUs * 0.95 - 0.1, profile.LoopJitterUs * 1.05 + 0.1);
    }

    [Fact]
    public void InLightSleepTheCountRunsAtTheSlowClocksRate()
    {
        UnitProfile profile = UnitProfile.Draw(99, 6, BoardKind.Esp32);
        var (clock, time, environment) = Unit(profile);
        environment.FixedTemperatureC = 25;
        clock.BeginStep();
        ulong start = clock.NowUs;
        clock.BeginSleep();
        time.NowUs = 600_000_000;
        clock.EndSleep();
        clock.BeginStep();
        double measuredPpm = ((double)(clock.NowUs - start) / time.NowUs - 1) * 1e6;
        Assert.InRange(measuredPpm, profile.SlowClockErrorPpm - 0.5, profile.SlowClockErrorPpm + 0.5);
    }

    [Fact]
    public void Stm32ShowsMillisecondTicksAndNeverGoesBackwards()
    {
        UnitProfile profile = UnitProfile.Draw(99, 1, BoardKind.Stm32);
        var (clock, time, _) = Unit(profile);
        Assert.Equal(1000, clock.ResolutionUs);
        ulong last = 0;
        for (int i = 0; i < 5000; i++)
        {
            time.NowUs += 137;
            if (i % 10 == 0) clock.BeginStep();
            ulong now = clock.NowUs;
            Assert.Equal(0UL, now % 1000);
            Assert.True(now >= last);
            last = now;
        }
    }

    [Fact]
    public void TrueDelayUntilInvertsTheSkew()
    {
        UnitProfile profile = UnitProfile.Draw(99, 2, BoardKind.Esp32);
        var (clock, time, environment) = Unit(profile);
        environment.FixedTemperatureC = 25;
        clock.BeginStep();
        ulong target = clock.NowUs + 600_000_000;
        time.NowUs += clock.TrueDelayUntil(target);
        clock.BeginStep();
        long shown = (long)clock.NowUs;
        Assert.InRange(shown - (long)target, 0, 200);
    }
}
