using AqNano.Firmware.Tests.Fakes;
using Xunit.Abstractions;

namespace AqNano.Firmware.Tests;

/// <summary>Issue 3: 0 bytes allocated by Core per steady-state event; HMAC calls and bytes per event
/// (the figures in docs/PERFORMANCE-FIRMWARE.md come from these runs).</summary>
public sealed class AllocationAndCostTests(ITestOutputHelper output)
{
    [Fact]
    public void A_steady_state_event_allocates_nothing()
    {
        var device = new TestDevice(seed: 31);
        device.Agent.Boot();
        device.RunFrames(50);
        device.Uplink.Record = false;
        device.Raw.Record = false;
        // Bad input on every event, queued before measuring: handling it must not allocate either.
        for (int i = 0; i < 200; i++) device.Uplink.Deliver(i % 2 == 0 ? device.Agent.DecisionTopic : "aq/v1/other", new byte[20]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int target = device.Agent.Counters.FramesMade + 200;
        while (device.Agent.Counters.FramesMade < target) device.StepToWake();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(200, device.Agent.Counters.DecisionsMalformed + device.Agent.Counters.UnknownTopics);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void An_observation_costs_six_hmac_calls()
    {
        var device = new TestDevice(seed: 33);
        device.Agent.Boot();
        device.RunFrames(10);
        long calls = device.Hmac.Calls;
        long bytes = device.Hmac.MessageBytes;
        long keyBytes = device.Hmac.KeyBytes;
        device.RunFrames(100);
        double callsPerEvent = (device.Hmac.Calls - calls) / 100.0;
        double bytesPerEvent = (device.Hmac.MessageBytes - bytes) / 100.0;
        double keyBytesPerEvent = (device.Hmac.KeyBytes - keyBytes) / 100.0;
        output.WriteLine($"HMAC calls per event {callsPerEvent}, message bytes per event {bytesPerEvent}, key bytes per event {keyBytesPerEvent}");
        // mix, state, key, commit, frame digest, tag (DESIGN.md "The chain").
        Assert.Equal(6.0, callsPerEvent);
        // raw (32 ADC x 2 + 16 deltas x 4 + 8 sensor + 32 random = 168) + state 53 + key 7 + commit 10
        // + frame without tag (166 - 32 = 134) + tag 39.
        Assert.Equal(168 + 53 + 7 + 10 + 134 + 39, bytesPerEvent);
    }
}
