using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests;

/// <summary>DESIGN.md "Delivery", clause by clause.</summary>
public sealed class DeliveryTests
{
    private static TestDevice Started(ulong seed = 3, DeviceSettings? settings = null)
    {
        var device = new TestDevice(seed, settings);
        device.Agent.Boot();
        device.RunFrames(3);
        return device;
    }

    [Fact]
    public void Offline_pause_makes_no_frames_and_resumes_the_same_chain()
    {
        var device = Started();
        uint before = device.Agent.LastSeq;
        int published = device.Uplink.Published.Count;
        device.Uplink.Connected = false;
        for (int i = 0; i < 20; i++)
        {
            device.Clock.Advance(10_000_000);
            device.Agent.Step();
        }
        Assert.Equal(AgentStatus.UplinkDown, device.Agent.Status);
        Assert.Equal(before, device.Agent.LastSeq);
        Assert.Equal(published, device.Uplink.Published.Count);

        device.Uplink.Connected = true;
        device.RunFrames(3);
        var frames = device.ObservationFrames();
        var math = new ChainMath(new HostHmacSha256());
        for (int i = 1; i < frames.Count; i++)
        {
            Frame previous = TestDevice.Parse(frames[i - 1]);
            Frame frame = TestDevice.Parse(frames[i]);
            Assert.Equal(previous.Seq + 1, frame.Seq);
            Assert.Equal(previous.Epoch, frame.Epoch);
            Assert.True(math.Opens(frame.Reveal, 0, previous.Commit, 0));
        }
        Assert.Equal(before + 3, device.Agent.LastSeq);
    }

    [Fact]
    public void An_unacknowledged_publish_is_resent_byte_for_byte_before_anything_new()
    {
        var device = Started();
        device.Uplink.FailNextPublishes = 3;
        device.Clock.Advance(10_000_000);
        device.Agent.Step();
        uint seq = device.Agent.LastSeq;
        for (int i = 0; i < 5; i++) device.StepToWake();
        var attempts = device.Uplink.Published.Where(m => TestDevice.Parse(m.Payload).Seq == seq).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Payload, a.Payload));
        Assert.Equal(device.Agent.ObservationTopic, attempts[^1].Topic);
        // No new frame was made while the frame waited for its acknowledgement: the next seq
        // appears only after the accepted attempt.
        int accepted = device.Uplink.Published.IndexOf(attempts[^1]);
        Assert.All(device.Uplink.Published.Take(accepted), m => Assert.True(TestDevice.Parse(m.Payload).Seq <= seq));
        Assert.Equal(seq + 1, TestDevice.Parse(device.Uplink.Published[accepted + 1].Payload).Seq);
    }

    [Fact]
    public void A_decision_behind_the_device_makes_it_resend_from_there()
    {
        var device = Started();
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[1]));
        device.Agent.Step();
        var resent = device.ObservationFrames().Skip(frames.Count).ToList();
        Assert.Equal(new[] { frames[2] }, resent);
        Assert.Equal(1u, device.Agent.AckedSeq);
        Assert.Equal(1, device.Agent.Counters.Resends);
    }

    [Fact]
    public void A_decision_behind_the_kept_frames_starts_a_new_epoch()
    {
        var device = Started(settings: new DeviceSettings { ResendBufferFrames = 2 });
        device.RunFrames(1); // seqs 0-3 sent, 2 and 3 kept: 1 is gone
        ulong epoch = device.Agent.Epoch;
        var genesis = device.ObservationFrames()[0];
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(genesis));
        device.RunFrames(1);
        Frame last = TestDevice.Parse(device.ObservationFrames()[^1]);
        Assert.Equal(FrameKind.Genesis, last.Kind);
        Assert.NotEqual(epoch, last.Epoch);
        Assert.Equal(ResetCause.Unknown, last.ResetCause);
        Assert.Equal(1, device.Agent.Counters.FramesGone);
    }

    [Fact]
    public void Acknowledged_frames_are_dropped_and_older_decisions_ignored()
    {
        var device = Started();
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[2]));
        device.Agent.Step();
        Assert.Equal(1, device.Agent.KeptFrames);
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[1], DecisionMode.Refused, Scopes.Observe));
        device.Agent.Step();
        Assert.Equal(1, device.Agent.Counters.DecisionsStale);
        Assert.Equal(DecisionMode.AdmitFull, device.Agent.Mode);
        Assert.Equal(2u, device.Agent.AckedSeq);
    }

    [Fact]
    public void A_decision_acknowledging_a_digest_not_sent_raises_divergence_and_resends_the_own_frame()
    {
        var device = Started();
        var frames = device.ObservationFrames();
        Frame own = TestDevice.Parse(frames[2]);
        byte[] otherDigest = Enumerable.Repeat((byte)0x5A, 32).ToArray();
        device.Uplink.Deliver(device.Agent.DecisionTopic, TestDevice.Decision(own, DecisionMode.AdmitMonitored, Scopes.Observe, otherDigest));
        device.Agent.Step();
        Assert.Equal(1, device.Agent.Counters.Divergences);
        Assert.Equal(frames[2], device.ObservationFrames()[frames.Count]);
        device.RunFrames(1);
        Frame next = TestDevice.Parse(device.ObservationFrames()[^1]);
        Assert.Equal(ObservationFlags.DivergenceSeen, next.Flags & ObservationFlags.DivergenceSeen);
        device.RunFrames(1);
        Assert.Equal(0, TestDevice.Parse(device.ObservationFrames()[^1]).Flags & ObservationFlags.DivergenceSeen);
    }

    [Fact]
    public void A_decision_about_someone_elses_frame_can_narrow_but_never_widen_the_grant()
    {
        var device = Started();
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[2], DecisionMode.AdmitRestricted, Scopes.Observe | Scopes.Telemetry));
        device.Agent.Step();
        Frame own = TestDevice.Parse(frames[2]);
        byte[] otherDigest = Enumerable.Repeat((byte)0x11, 32).ToArray();
        device.Uplink.Deliver(device.Agent.DecisionTopic, TestDevice.Decision(own, DecisionMode.AdmitFull, Scopes.All, otherDigest));
        device.Agent.Step();
        Assert.Equal(Scopes.Observe | Scopes.Telemetry, device.Agent.GrantedScope);
        Assert.Equal(DecisionMode.AdmitRestricted, device.Agent.Mode);
        device.Uplink.Deliver(device.Agent.DecisionTopic, TestDevice.Decision(own, DecisionMode.Refused, Scopes.Observe, otherDigest));
        device.Agent.Step();
        Assert.Equal(Scopes.Observe, device.Agent.GrantedScope);
        Assert.Equal(DecisionMode.Refused, device.Agent.Mode);
        Assert.Equal(2, device.Agent.Counters.Divergences);
    }

    [Fact]
    public void Reboot_starts_a_new_epoch_whose_genesis_carries_the_reset_cause()
    {
        var device = Started();
        ulong deviceId = device.Agent.DeviceId;
        ulong epoch = device.Agent.Epoch;
        string? clientId = device.Agent.ClientId;
        device.Reboot(ResetCause.Watchdog);
        device.RunFrames(1);
        Frame genesis = TestDevice.Parse(device.ObservationFrames()[^1]);
        Assert.Equal(FrameKind.Genesis, genesis.Kind);
        Assert.Equal(ResetCause.Watchdog, genesis.ResetCause);
        Assert.Equal(deviceId, genesis.DeviceId);
        Assert.NotEqual(epoch, genesis.Epoch);
        Assert.NotEqual(clientId, device.Agent.ClientId);
        Assert.StartsWith("aq-", device.Agent.ClientId);
    }

    [Fact]
    public void Slow_clock_sleep_is_flagged_in_the_next_frame_only()
    {
        var device = Started();
        device.Agent.NotifySlept(slowClock: true);
        device.RunFrames(2);
        var frames = device.ObservationFrames();
        Assert.Equal(ObservationFlags.SlowClock, TestDevice.Parse(frames[^2]).Flags);
        Assert.Equal(0, TestDevice.Parse(frames[^1]).Flags);
    }

    [Fact]
    public void Next_wake_follows_the_cadence()
    {
        var device = Started(settings: new DeviceSettings { EventIntervalMs = 2500 });
        device.StepToWake();
        ulong before = device.Clock.Now;
        Assert.InRange(device.Agent.NextWakeUs - before, 2_490_000UL, 2_500_000UL);
    }
}
