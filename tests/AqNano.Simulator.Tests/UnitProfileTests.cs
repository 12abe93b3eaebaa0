using AqNano.Simulator.Models;

namespace AqNano.Simulator.Tests;

public sealed class UnitProfileTests
{
    [Fact]
    public void SameSeedAndIndexDrawTheSameUnit()
    {
        UnitProfile a = UnitProfile.Draw(7, 3, BoardKind.Esp32);
        UnitProfile b = UnitProfile.Draw(7, 3, BoardKind.Esp32);
        Assert.Equal(a.ChipId, b.ChipId);
        Assert.Equal(a with { ChipId = b.ChipId }, b);
    }

    [Fact]
    public void UnitsOfOneFleetDiffer()
    {
        UnitProfile[] units = Enumerable.Range(0, 200).Select(i => UnitProfile.Draw(7, i, BoardKind.Esp32)).ToArray();
        Assert.Equal(units.Length, units.Select(u => Convert.ToHexString(u.ChipId)).Distinct().Count());
        Assert.Equal(units.Length, units.Select(u => u.SkewPpm).Distinct().Count());
        Assert.All(units, u => Assert.InRange(u.SkewPpm, -30, 30));
        // A ±30 ppm lot spreads: some units run fast, some slow, by more than 20 ppm.
        Assert.Contains(units, u => u.SkewPpm > 20);
        Assert.Contains(units, u => u.SkewPpm < -20);
    }

    [Fact]
    public void BoardKindsHaveTheirChipIdLengthAndEsp32MacsCarryEspressifsOui()
    {
        UnitProfile esp = UnitProfile.Draw(1, 0, BoardKind.Esp32);
        UnitProfile stm = UnitProfile.Draw(1, 0, BoardKind.Stm32);
        Assert.Equal(6, esp.ChipId.Length);
        Assert.Equal(new byte[] { 0x24, 0x0A, 0xC4 }, esp.ChipId[..3]);
        Assert.Equal(12, stm.ChipId.Length);
    }

    [Fact]
    public void SeededRandomIsReproducibleAndStreamsAreIndependent()
    {
        SeededRandom a = SeededRandom.Derive(5, 1), b = SeededRandom.Derive(5, 1), c = SeededRandom.Derive(5, 2);
        ulong[] first = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 8).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void GaussianHasUnitVarianceWithinSamplingError()
    {
        SeededRandom random = new(11);
        double[] samples = Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian()).ToArray();
        (double mean, double sd) = Statistics.Of(samples);
        // Standard error of the mean is 1/sqrt(n) = 0.0032; of the sd about 0.0022: 5 sigma bounds.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(sd, 0.989, 1.011);
    }
}
