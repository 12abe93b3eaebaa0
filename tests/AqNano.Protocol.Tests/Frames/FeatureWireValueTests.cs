using AqNano.Protocol.Frames;

namespace AqNano.Protocol.Tests.Frames;

/// <summary>DESIGN.md "Genesis and Observation body": a feature travels as int32 = value x 1000
/// rounded half away from zero; out-of-range values saturate (the project's choice, since a
/// board must not throw), NaN is 0.</summary>
public class FeatureWireValueTests
{
    [Theory]
    [InlineData(0.0625, 63)] // 62.5 exactly: half goes away from zero
    [InlineData(-0.0625, -63)]
    [InlineData(0.0624, 62)]
    [InlineData(2047.5, 2047500)]
    [InlineData(0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, int.MaxValue)]
    [InlineData(double.NegativeInfinity, int.MinValue)]
    [InlineData(1e300, int.MaxValue)]
    [InlineData(-1e300, int.MinValue)]
    public void KnownValues(double value, int wire)
    {
        Assert.Equal(wire, Features.ToWire(value));
    }

    [Fact]
    public void EqualsMathRoundAwayFromZeroNextToEveryHalf()
    {
        // Values one ulp either side of k + 0.5 (after scaling) are where hand-made rounding goes wrong.
        var random = new Random(9);
        for (int i = 0; i < 200_000; i++)
        {
            double half = random.Next(-3_000_000, 3_000_000) + 0.5;
            if (i % 3 == 0) half = random.Next(-3, 3) + 0.5;
            double scaled = (i % 2 == 0 ? Math.BitDecrement(half) : Math.BitIncrement(half)) * (i % 5 == 0 ? 1 : 1000);
            double value = scaled / 1000;
            Assert.Equal(Expected(value), Features.ToWire(value));
        }
    }

    [Fact]
    public void JustBelowAHalfRoundsDown()
    {
        // Values whose product with 1000 is the double just below k + 0.5 must round down,
        // found by scanning a few ulps around (k + 0.5) / 1000.
        int hits = 0;
        for (int k = 0; k < 200; k++)
        {
            double target = Math.BitDecrement(k + 0.5);
            double value = (k + 0.5) / 1000;
            for (int i = 0; i < 64; i++) value = Math.BitDecrement(value);
            for (int i = 0; i < 128; i++, value = Math.BitIncrement(value))
            {
                if (value * 1000 != target) continue;
                hits++;
                Assert.Equal(k, Features.ToWire(value));
                Assert.Equal(-k, Features.ToWire(-value));
            }
        }
        Assert.True(hits > 0, "no value found to exercise the case");
    }

    [Fact]
    public void SaturatesExactlyAtTheInt32Edges()
    {
        foreach (double scaled in new[] { 2147483646.4, 2147483646.5, 2147483647.0, 2147483647.4, 2147483647.5, 2147483648.0,
                                          -2147483647.4, -2147483647.5, -2147483647.6, -2147483648.0, -2147483648.4, -2147483648.5, -2147483649.0 })
        {
            double value = scaled / 1000;
            Assert.Equal(Expected(value), Features.ToWire(value));
        }
    }

    [Fact]
    public void FromWireInvertsToWireForRepresentableValues()
    {
        for (int wire = -100_000; wire <= 100_000; wire += 7)
        {
            Assert.Equal(wire, Features.ToWire(Features.FromWire(wire)));
        }
    }

    private static int Expected(double value)
    {
        double rounded = Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        if (rounded >= int.MaxValue) return int.MaxValue;
        if (rounded <= int.MinValue) return int.MinValue;
        return (int)rounded;
    }
}
