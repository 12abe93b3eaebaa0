using AqNano.Simulator.Models;

namespace AqNano.Simulator.Tests;

/// <summary>Issue 4 acceptance: the ADC noise a simulated unit shows matches what its seed drew.</summary>
public sealed class AdcModelTests
{
    [Theory]
    [InlineData(BoardKind.Esp32, 0)]
    [InlineData(BoardKind.Esp32, 1)]
    [InlineData(BoardKind.Stm32, 2)]
    public void NoiseAndMeanMatchTheDrawnUnit(BoardKind kind, int index)
    {
        UnitProfile profile = UnitProfile.Draw(17, index, kind);
        ManualTime time = new();
        SimulatedAdcChannel channel = new(profile, 0, time, SeededRandom.Derive(17, 4));
        double[] reads = Enumerable.Range(0, 50_000).Select(_ => (double)channel.Read()).ToArray();
        (double mean, double sd) = Statistics.Of(reads);
        double expectedSd = Math.Sqrt(profile.AdcNoiseCounts * profile.AdcNoiseCounts + 1.0 / 12);
        Assert.InRange(mean, channel.ExpectedCounts - 0.2, channel.ExpectedCounts + 0.2);
        Assert.InRange(sd, expectedSd * 0.97, expectedSd * 1.03);
        Assert.All(reads, r => Assert.InRange(r, 0, 4095));
    }

    [Fact]
    public void Esp32BowsMidRangeAndAgeingDriftsTheMean()
    {
        UnitProfile profile = UnitProfile.Draw(17, 0, BoardKind.Esp32) with { AdcAgeingCountsPerDay = 2 };
        ManualTime time = new();
        SimulatedAdcChannel channel = new(profile, 0, time, SeededRandom.Derive(17, 4));
        double linear = profile.AdcGain * profile.AdcFloatLevelCounts + profile.AdcOffsetCounts;
        Assert.True(channel.ExpectedCounts - linear > 5, "the ESP32 model bows upwards mid-range");
        double before = channel.ExpectedCounts;
        time.NowUs = 10L * 86_400_000_000;
        Assert.Equal(20, channel.ExpectedCounts - before, 6);
    }

    [Fact]
    public void QuantisationClampsToTwelveBits()
    {
        UnitProfile profile = UnitProfile.Draw(17, 0, BoardKind.Stm32) with { AdcFloatLevelCounts = 4094, AdcNoiseCounts = 30 };
        SimulatedAdcChannel channel = new(profile, 0, new ManualTime(), SeededRandom.Derive(17, 5));
        int[] reads = Enumerable.Range(0, 2000).Select(_ => channel.Read()).ToArray();
        Assert.Contains(4095, reads);
        Assert.All(reads, r => Assert.InRange(r, 0, 4095));
    }
}
