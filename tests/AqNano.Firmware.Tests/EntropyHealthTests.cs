using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Sampling;
using AqNano.Firmware.Tests.Fakes;

namespace AqNano.Firmware.Tests;

/// <summary>NIST SP 800-90B 4.4 health tests and the 128-bit Genesis threshold (DESIGN.md "Entropy").</summary>
public sealed class EntropyHealthTests
{
    // SP 800-90B 4.4.1: C = 1 + ceil(20 / H) for alpha = 2^-20; its own example: H = 2 gives 11.
    [Theory]
    [InlineData(1.0, 21)]
    [InlineData(2.0, 11)]
    [InlineData(0.5, 41)]
    [InlineData(7.5, 4)]
    public void Repetition_cutoff_is_the_standards(double h, int expected)
        => Assert.Equal(expected, HealthCutoffs.RepetitionCount(h));

    // SP 800-90B 4.4.2 Table 2 (alpha = 2^-20); the same numbers come out of an exact rational
    // binomial sum (Python fractions) done while writing this test.
    [Theory]
    [InlineData(1.0, 512, 311)]
    [InlineData(2.0, 512, 177)]
    [InlineData(4.0, 512, 62)]
    [InlineData(8.0, 512, 13)]
    [InlineData(1.0, 1024, 589)]
    public void Adaptive_proportion_cutoff_is_the_standards(double h, int window, int expected)
        => Assert.Equal(expected, HealthCutoffs.AdaptiveProportion(h, window));

    [Fact]
    public void Real_math_helpers_agree_with_System_Math()
    {
        foreach (double x in new[] { 1e-9, 0.001, 0.3, 0.5, 0.999, 1, 2, 7.25, 1e6 })
        {
            Assert.Equal(Math.Sqrt(x), RealMath.Sqrt(x), 9);
            Assert.Equal(Math.Log2(x), RealMath.Log2(x), 9);
        }
        foreach (double x in new[] { -20.0, -8, -1.5, -0.25, 0, 0.75, 3.3 })
        {
            Assert.Equal(Math.Pow(2, x), RealMath.Exp2(x), 12);
        }
        foreach (ulong v in new ulong[] { 0, 1, 2, 3, 4, 15, 16, 17, 1UL << 40, ulong.MaxValue, (1UL << 32) * (1UL << 32 - 1) })
        {
            ulong r = IntegerMath.Isqrt(v);
            Assert.True((UInt128)r * r <= v && (UInt128)(r + 1) * (r + 1) > v, $"isqrt({v}) = {r}");
        }
    }

    [Fact]
    public void Repetition_test_fails_exactly_at_its_cutoff()
    {
        var test = new RepetitionCountTest(2.0);
        for (int i = 0; i < 10; i++) Assert.True(test.Feed(7));
        Assert.False(test.Feed(7));
    }

    [Fact]
    public void A_stuck_adc_never_lets_a_genesis_out_and_says_why()
    {
        var device = new TestDevice(seed: 4);
        device.Adc.Stuck = 1234;
        device.Agent.Boot();
        for (int i = 0; i < 10; i++) device.StepToWake();
        Assert.Equal(AgentStatus.EntropyFailed, device.Agent.Status);
        Assert.Equal(EntropyFault.AdcRepetition, device.Agent.EntropyFault);
        Assert.Equal(StatusTexts.AdcRepetition, device.Status.Last);
        Assert.Empty(device.Uplink.Published);
        Assert.Equal(ulong.MaxValue, device.Agent.NextWakeUs);
    }

    [Fact]
    public void A_source_that_sticks_mid_epoch_stops_the_epoch()
    {
        var device = new TestDevice(seed: 6);
        device.Agent.Boot();
        device.RunFrames(5);
        device.Random.Stuck = 0xA5;
        for (int i = 0; i < 5; i++) device.StepToWake();
        Assert.Equal(AgentStatus.EntropyFailed, device.Agent.Status);
        Assert.Equal(EntropyFault.RandomRepetition, device.Agent.EntropyFault);
        Assert.Equal(5, device.ObservationFrames().Count);
    }

    [Fact]
    public void A_biased_source_fails_the_adaptive_proportion_test()
    {
        var test = new AdaptiveProportionTest(1.0, 512);
        bool ok = true;
        for (int i = 0; i < 512 && ok; i++) ok = test.Feed(i % 4 == 3 ? (uint)i : 5u);
        Assert.False(ok);
        Assert.True(test.Failed);
    }

    [Fact]
    public void No_genesis_before_128_bits_are_pooled()
    {
        // Without the hardware generator each pass credits at most 32 x 1 + 16 x 0.5 = 40 bits.
        var device = new TestDevice(seed: 8);
        device.Ports.Random = new FakeRandom(1, available: false);
        device.Agent = new DeviceAgent(device.Settings, device.Ports);
        device.Agent.Boot();
        device.RunFrames(1);
        Assert.True(device.Agent.PooledEntropyBits >= 128);
        byte[] raw = device.Raw.Raw[(1, 0)];
        int passBytes = 32 * 2 + 16 * 4 + 8;
        Assert.Equal(4 * passBytes, raw.Length);
    }

    [Fact]
    public void A_millisecond_clock_is_mixed_but_neither_tested_nor_credited()
    {
        var device = new TestDevice(seed: 12, clockResolutionUs: 1000);
        device.Agent.Boot();
        device.RunFrames(20);
        Assert.Equal(AgentStatus.Running, device.Agent.Status);
    }
}
