using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol;

namespace AqNano.Firmware.Tests;

/// <summary>What a board asks of the broker: every SUBSCRIBE costs the broker work even when refused
/// (docs/PERFORMANCE.md "Fleet load"), so a board asks for its command topic only when it can be granted.</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public void The_command_topic_is_asked_for_once_per_acknowledgement_not_once_per_step()
    {
        var device = new TestDevice(seed: 5);
        bool owner = false;
        device.Uplink.RefuseSubscribe = topic => topic == device.Agent.CommandTopic && !owner;
        device.Agent.Boot();
        device.RunFrames(6);
        for (int i = 0; i < 20; i++) device.StepToWake();

        // No Decision yet: the board does not own its device at the broker, and asks nothing it would be refused.
        Assert.Equal([device.Agent.DecisionTopic], device.Uplink.SubscribeRequests);

        // The verifier acknowledges a frame sent over this connection: the broker made it the owner, the board asks once.
        var frames = device.ObservationFrames();
        owner = true;
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1], DecisionMode.AdmitRestricted, Scopes.Observe | Scopes.Telemetry));
        device.Agent.Step();
        device.RunFrames(4);
        Assert.Equal([device.Agent.DecisionTopic, device.Agent.CommandTopic], device.Uplink.SubscribeRequests);
    }

    [Fact]
    public void A_refused_command_subscription_is_asked_again_only_at_the_next_acknowledgement()
    {
        var device = new TestDevice(seed: 6);
        device.Uplink.RefuseSubscribe = topic => topic == device.Agent.CommandTopic;
        device.Agent.Boot();
        device.RunFrames(3);
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1], DecisionMode.AdmitRestricted, Scopes.Observe | Scopes.Telemetry));
        device.Agent.Step();
        for (int i = 0; i < 20; i++) device.StepToWake();
        Assert.Equal(1, device.Uplink.SubscribeRequests.Count(t => t == device.Agent.CommandTopic));

        frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1], DecisionMode.AdmitRestricted, Scopes.Observe | Scopes.Telemetry));
        device.Agent.Step();
        Assert.Equal(2, device.Uplink.SubscribeRequests.Count(t => t == device.Agent.CommandTopic));
    }

    [Fact]
    public void A_reconnect_asks_for_both_again()
    {
        var device = new TestDevice(seed: 7);
        device.Agent.Boot();
        device.RunFrames(2);
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1]));
        device.Agent.Step();
        device.Uplink.Connected = false;
        device.Clock.Advance(10_000_000);
        device.Agent.Step();
        device.Uplink.Connected = true;
        device.RunFrames(2);
        frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1]));
        device.Agent.Step();
        Assert.Equal(2, device.Uplink.SubscribeRequests.Count(t => t == device.Agent.DecisionTopic));
        Assert.Equal(2, device.Uplink.SubscribeRequests.Count(t => t == device.Agent.CommandTopic));
    }
}
