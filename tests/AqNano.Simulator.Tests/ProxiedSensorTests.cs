using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

/// <summary>The simulator's plain sensors behind a gateway (docs/ADOPTION.md "Gateway-mediated retrofit"): their chains travel over the
/// gateway's own connection on the sensor's obs topic, and a swapped unit shows in the features the gateway measures.</summary>
public sealed class ProxiedSensorTests
{
    [Fact]
    public void The_gateway_carries_the_sensors_chain_over_its_own_connection_and_measures_the_swap()
    {
        ScenarioDefinition swap = ScenarioCatalogue.Find("retrofit-swap");
        var run = new ScenarioRun(swap);
        var proxied = Assert.Single(run.Proxied);
        var frames = new List<(long TimeUs, string Connection, Frame Frame)>();
        run.Broker!.Arrived += (publish, _) =>
        {
            if (publish.Topic != Topics.Observation(proxied.DeviceId)) return;
            var frame = new Frame();
            Assert.True(FrameCodec.TryParse(publish.Payload, 0, publish.Payload.Length, frame, out FrameRejection rejection), rejection.ToString());
            frames.Add((run.Scheduler.NowUs, publish.ConnectionLabel, frame));
        };
        run.Run();

        Assert.True(frames.Count > 40, $"{frames.Count} frames");
        Assert.All(frames, f => Assert.Equal(proxied.Gateway.ConnectionLabel, f.Connection));
        Assert.Equal(FrameKind.Genesis, frames[0].Frame.Kind);
        long swapUs = (long)(swap.ProxiedSensors[0].SwapAtMinute!.Value * 60_000_000);
        // Slot 0 carries the mean reading, slot 3 the mean time between messages in ms (ProxiedBehaviour).
        var before = frames.Where(f => f.TimeUs < swapUs - 20_000_000 && f.Frame.Seq > 0).Select(f => f.Frame).ToList();
        var after = frames.Where(f => f.TimeUs > swapUs + 20_000_000).Select(f => f.Frame).ToList();
        Assert.All(before, f => Assert.InRange(Features.FromWire(f.Features[Features.AdcMean]), 20.7, 21.3));
        Assert.All(after, f => Assert.InRange(Features.FromWire(f.Features[Features.AdcMean]), 22.5, 24.5));
        Assert.All(before, f => Assert.InRange(Features.FromWire(f.Features[Features.JitterMeanUs]), 1900, 2100));
        Assert.All(after, f => Assert.InRange(Features.FromWire(f.Features[Features.JitterMeanUs]), 2800, 3200));
    }
}
