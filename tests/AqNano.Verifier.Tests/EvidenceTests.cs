using AqNano.Protocol.Frames;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>The fingerprint's statistics and the lower-envelope skew fit.</summary>
public class EvidenceTests
{
    [Theory]
    [InlineData(40.0)]
    [InlineData(-25.0)]
    [InlineData(0.0)]
    public void LowerEnvelopeRecoversTheSkewDespiteNetworkDelay(double skewPpm)
    {
        var state = new DeviceState();
        var random = new Random(7);
        // Two hours at 5 s; each frame delayed 5-400 ms by the network (one-sided, as in Kohno et al.).
        for (int i = 0; i < 1440; i++)
        {
            ulong uptimeUs = 1_000_000UL + (ulong)i * 5_000_000UL;
            double wallUs = uptimeUs * (1 - skewPpm / 1e6);
            long receiveUs = (long)(wallUs + 5000 + random.NextDouble() * 395_000);
            long offset = receiveUs - (long)uptimeUs;
            Assert.False(ClockSkew.IsAhead(state, uptimeUs, offset, new EvidenceThresholds(), false));
            ClockSkew.Add(state, uptimeUs, offset);
        }
        Assert.True(state.HullCount <= DeviceState.HullCapacity);
        double? measured = ClockSkew.SkewPpm(state, 600);
        Assert.NotNull(measured);
        // The offset falls by skew per unit of uptime; the fit reports offset µs per s, i.e. -skew ppm.
        Assert.InRange(measured!.Value, -skewPpm - 3, -skewPpm + 3);
    }

    [Fact]
    public void SkewIsNotReportedBeforeTheHullSpansItsMinimum()
    {
        var state = new DeviceState();
        for (int i = 0; i < 10; i++) ClockSkew.Add(state, (ulong)(i + 1) * 5_000_000UL, 1000);
        Assert.Null(ClockSkew.SkewPpm(state, 600));
    }

    [Fact]
    public void WelfordStatisticsMatchTheTwoPassValuesAndFlagOutliers()
    {
        var state = new DeviceState();
        var random = new Random(3);
        var values = new List<double>();
        var thresholds = new EvidenceThresholds();
        var profile = new OperatingProfile();
        var wire = new int[8];
        for (int i = 0; i < 200; i++)
        {
            double value = 21.5 + random.NextDouble() - 0.5;
            values.Add(Features.FromWire(Features.ToWire(value)));
            wire[Features.TemperatureC] = Features.ToWire(value);
            Assert.Equal(-1, FeatureStatistics.CheckAndAdd(state, 1 << Features.TemperatureC, wire, thresholds, profile, out _));
        }
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        Assert.Equal(mean, state.FeatureMean[Features.TemperatureC], 3);
        Assert.Equal(variance, state.FeatureM2[Features.TemperatureC] / (state.FeatureCount[Features.TemperatureC] - 1), 3);
        wire[Features.TemperatureC] = Features.ToWire(40);
        Assert.Equal(Features.TemperatureC, FeatureStatistics.CheckAndAdd(state, 1 << Features.TemperatureC, wire, thresholds, profile, out bool outside));
        Assert.False(outside);
    }

    [Fact]
    public void ANewEpochWhoseSkewDiffersFromTheDevicesHistoryIsAnAnomaly()
    {
        var state = new DeviceState { HistoricSkewPpm = 30 };
        var thresholds = new EvidenceThresholds();
        for (int i = 0; i < 200; i++)
        {
            ulong uptimeUs = (ulong)(i + 1) * 5_000_000UL;
            ClockSkew.Add(state, uptimeUs, (long)(-(double)uptimeUs * 400e-6)); // 400 ppm fast
        }
        double skew = ClockSkew.SkewPpm(state, thresholds.SkewMinSpanSeconds)!.Value;
        Assert.True(Math.Abs(skew - state.HistoricSkewPpm) > thresholds.SkewAnomalyPpm);
    }
}
