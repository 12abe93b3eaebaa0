using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests;

public sealed class HonestChainTests
{
    [Fact]
    public void Thousand_honest_events_verify_link_by_link_and_match_an_independent_recomputation()
    {
        var device = new TestDevice(seed: 11);
        device.Agent.Boot();
        device.RunFrames(1000);

        List<byte[]> frames = device.ObservationFrames();
        Assert.Equal(1000, frames.Count);
        var math = new ChainMath(new HostHmacSha256());
        var independent = new IndependentChain(device.Agent.DeviceId, device.Agent.Epoch);
        Frame? previous = null;
        byte[]? previousDigest = null;
        for (int i = 0; i < frames.Count; i++)
        {
            Frame frame = TestDevice.Parse(frames[i]);
            Assert.Equal((uint)i, frame.Seq);
            Assert.Equal(i == 0 ? FrameKind.Genesis : FrameKind.Observation, frame.Kind);
            if (previous != null)
            {
                Assert.True(math.Opens(frame.Reveal, 0, previous.Commit, 0), $"reveal of {i} opens commit of {i - 1}");
                Assert.True(math.TagMatches(frame.Reveal, 0, previousDigest!, 0, previous.Tag, 0), $"tag of {i - 1}");
                Assert.True(frame.UptimeUs > previous.UptimeUs);
            }
            independent.CheckNext(device.Raw.Raw[(1, frame.Seq)], frames[i]);
            previous = frame;
            previousDigest = new byte[32];
            math.FrameDigest(frames[i], 0, frames[i].Length - 32, previousDigest, 0);
        }
    }

    [Fact]
    public void Raw_samples_are_what_the_fakes_produced_in_the_vectors_order()
    {
        var settings = new DeviceSettings { AdcSamplesPerEvent = 8, TimingSamplesPerEvent = 4 };
        var device = new TestDevice(seed: 5, settings);
        device.Agent.Boot();
        device.RunFrames(2);
        byte[] raw = device.Raw.Raw[(1, 1)];
        // 8 ADC readings as uint16, 4 deltas as uint32, two sensor words, 32 random bytes.
        Assert.Equal(8 * 2 + 4 * 4 + 8 + 32, raw.Length);
        int logEnd = device.Adc.LogCount;
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(device.Adc.Log[logEnd - 8 + i], BitConverter.ToUInt16(raw, 2 * i));
        }
        Assert.Equal(21_500, BitConverter.ToInt32(raw, 32));
        Assert.Equal(45_250, BitConverter.ToInt32(raw, 36));
        Assert.Equal(device.Random.Last, raw[^32..]);
    }

    [Fact]
    public void Features_match_a_floating_point_recomputation_from_the_same_samples()
    {
        var settings = new DeviceSettings { AdcSamplesPerEvent = 32, TimingSamplesPerEvent = 16 };
        var device = new TestDevice(seed: 9, settings);
        device.Agent.Boot();
        device.RunFrames(20);
        foreach (byte[] bytes in device.ObservationFrames().Skip(1))
        {
            Frame frame = TestDevice.Parse(bytes);
            byte[] raw = device.Raw.Raw[(1, frame.Seq)];
            double[] adc = Enumerable.Range(0, 32).Select(i => (double)BitConverter.ToUInt16(raw, 2 * i)).ToArray();
            double[] jitter = Enumerable.Range(0, 16).Select(i => (double)BitConverter.ToUInt32(raw, 64 + 4 * i)).ToArray();
            Assert.Equal(0xFF, frame.FeatureMask);
            Assert.Equal(Features.ToWire(adc.Average()), frame.Features[Features.AdcMean]);
            Assert.Equal(Features.ToWire(StdDev(adc)), frame.Features[Features.AdcStdDev]);
            Assert.Equal(Features.ToWire(adc.Count(v => ((int)v & 1) == 1) / 32.0), frame.Features[Features.AdcLsbOnesRatio]);
            Assert.Equal(Features.ToWire(jitter.Average()), frame.Features[Features.JitterMeanUs]);
            Assert.Equal(Features.ToWire(StdDev(jitter)), frame.Features[Features.JitterStdDevUs]);
            Assert.Equal(21_500, frame.Features[Features.TemperatureC]);
            Assert.Equal(45_250, frame.Features[Features.RelativeHumidity]);
            Assert.Equal(Features.ToWire(96_000 / 1024.0), frame.Features[Features.FreeMemoryKb]);
        }
    }

    private static double StdDev(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
