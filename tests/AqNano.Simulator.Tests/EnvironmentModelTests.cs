using AqNano.Simulator.Models;

namespace AqNano.Simulator.Tests;

public sealed class EnvironmentModelTests
{
    [Fact]
    public void TemperatureAndHumidityFollowADailyCycleInOppositeDirections()
    {
        UnitProfile profile = UnitProfile.Draw(3, 0, BoardKind.Esp32);
        ManualTime time = new();
        SiteEnvironment site = new(profile, time, SeededRandom.Derive(3, 1), 6);
        List<double> temperatures = new(), humidities = new();
        for (int minute = 0; minute < 24 * 60; minute += 10)
        {
            time.NowUs = minute * 60_000_000L;
            temperatures.Add(site.TemperatureC);
            humidities.Add(site.RelativeHumidityPercent);
        }
        double swing = temperatures.Max() - temperatures.Min();
        Assert.InRange(swing, 1.5 * profile.DailyTemperatureSwingC, 2 * profile.DailyTemperatureSwingC + 6);
        int warmest = temperatures.IndexOf(temperatures.Max());
        int coldest = temperatures.IndexOf(temperatures.Min());
        Assert.True(humidities[warmest] < humidities[coldest]);
    }

    [Fact]
    public void SensorReadsThousandthsAndCanStopAnswering()
    {
        UnitProfile profile = UnitProfile.Draw(3, 1, BoardKind.Esp32);
        SiteEnvironment site = new(profile, new ManualTime(), SeededRandom.Derive(3, 1), 6) { FixedTemperatureC = 21.5 };
        SimulatedEnvironmentSensor sensor = new(site, SeededRandom.Derive(3, 2));
        Assert.True(sensor.TryRead(out int milliC, out int milliRh));
        Assert.InRange(milliC, 21_300, 21_700);
        Assert.InRange(milliRh, 5_000, 95_000);
        sensor.Answers = false;
        Assert.False(sensor.TryRead(out _, out _));
    }
}
