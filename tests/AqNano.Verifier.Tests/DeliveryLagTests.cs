using AqNano.Protocol;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>The clock envelope under verifier lag (docs/VERIFIER.md section 5, "Clock"): a prompt frame after
/// late ones is delivery lag up to <c>deliveryLagToleranceMs</c> per epoch, a larger drop is a clock that ran ahead.
/// Found in the fleet load runs (docs/PERFORMANCE.md, runs of 2026-11-28): 14-734 honest boards flagged.</summary>
public class DeliveryLagTests
{
    [Fact]
    public void An_honest_board_whose_first_frames_arrive_20_s_late_is_not_flagged()
    {
        var h = new Harness();
        var device = TestDevice.Create(400);
        // Genesis and seqs 1-2 reach the verifier 20 s after they were made (queued behind a backlog) ...
        h.Send(device, device.Genesis(), 20_000);
        h.Send(device, device.Next(5_000_000), 5000);
        h.Send(device, device.Next(5_000_000), 5000);
        // ... the board waited for its PUBACKs meanwhile, and seq 3, made now, arrives at once: 20 s below them.
        Judgement prompt = h.Send(device, device.Next(20_000_000), 50);
        Assert.Contains("earlier frames arrived late", prompt.Explanation);
        h.Continue(device, 30);
        Assert.All(h.Judgements, j => Assert.NotEqual(Reasons.SkewAnomaly, j.Reason));
        Assert.All(h.Judgements, j => Assert.DoesNotContain("ran ahead", j.Explanation));
        Assert.Equal(DecisionMode.AdmitFull, h.Judgements[^1].Mode);
    }

    [Fact]
    public void A_resent_frame_does_not_make_the_next_prompt_one_look_ahead_nor_spend_the_allowance()
    {
        var h = new Harness();
        var device = TestDevice.Create(401);
        h.Run(device, 12);
        // A lost publish resent 4 s late (the light runs: 1 % loss), then the next frame on time.
        h.Send(device, device.Next(5_000_000), 9000);
        Judgement next = h.Send(device, device.Next(5_000_000), 1000);
        Assert.NotEqual(Reasons.SkewAnomaly, next.Reason);
        Assert.DoesNotContain("arrived late", next.Explanation);
        Assert.True(DeviceStateCodec.TryDecode(h.State(device), out DeviceState state));
        Assert.Equal(0u, state.ClockLagLoweredMs);
    }

    [Fact]
    public void A_jump_ahead_far_beyond_the_tolerance_is_still_flagged()
    {
        var h = new Harness();
        var device = TestDevice.Create(402);
        h.Run(device, 12);
        // Uptime advances 5 min in 5 s of wall time: a clone with another uptime, or a clock jump.
        Judgement ahead = h.Send(device, device.Next(300_000_000), 5000);
        Assert.Equal(DecisionMode.AdmitMonitored, ahead.Mode);
        Assert.Equal(Reasons.SkewAnomaly, ahead.Reason);
        Assert.Contains("ran ahead", ahead.Explanation);
    }

    [Fact]
    public void A_jump_beyond_the_tolerance_is_flagged_also_after_a_late_start()
    {
        var h = new Harness();
        var device = TestDevice.Create(403);
        h.Send(device, device.Genesis(), 20_000);
        h.Send(device, device.Next(5_000_000), 5000);
        h.Send(device, device.Next(5_000_000), 5000);
        // 20 s of the drop could be lag; 60 s more cannot.
        Judgement ahead = h.Send(device, device.Next(85_000_000), 5000);
        Assert.Equal(Reasons.SkewAnomaly, ahead.Reason);
    }

    [Fact]
    public void Steps_within_the_tolerance_that_add_up_beyond_it_are_flagged()
    {
        var h = new Harness();
        var device = TestDevice.Create(404);
        h.Run(device, 12);
        // A clock that runs ahead 20 s at a time: the first step could be lag, the second exceeds the epoch's 30 s.
        Judgement first = h.Send(device, device.Next(25_000_000), 5000);
        Assert.NotEqual(Reasons.SkewAnomaly, first.Reason);
        h.Continue(device, 3);
        Judgement second = h.Send(device, device.Next(25_000_000), 5000);
        Assert.Equal(Reasons.SkewAnomaly, second.Reason);
        Assert.Contains("ran ahead", second.Explanation);
    }

    [Fact]
    public void A_tolerance_of_zero_restores_the_strict_rule()
    {
        var policy = new VerifierPolicy();
        policy.Evidence.DeliveryLagToleranceMs = 0;
        var h = new Harness(policy);
        var device = TestDevice.Create(405);
        h.Send(device, device.Genesis(), 20_000);
        h.Send(device, device.Next(5_000_000), 5000);
        h.Send(device, device.Next(5_000_000), 5000);
        Assert.Equal(Reasons.SkewAnomaly, h.Send(device, device.Next(20_000_000), 50).Reason);
    }

    // The boundary, on the envelope itself: jitter 1.5 s, lag 30 s, no crystal allowance so that it is exact.
    private static readonly EvidenceThresholds Exact = new() { UptimeToleranceMs = 1500, SkewAnomalyPpm = 0, DeliveryLagToleranceMs = 30_000 };

    private static DeviceState HonestHull()
    {
        var state = new DeviceState();
        for (int i = 1; i <= 10; i++) ClockSkew.Add(state, (ulong)i * 5_000_000UL, 1_000_000);
        return state;
    }

    [Theory]
    [InlineData(1_500_000, false, false)]      // within jitter: nothing to explain
    [InlineData(1_500_001, true, false)]       // just beyond jitter: lag
    [InlineData(31_500_000, true, false)]      // jitter + the whole allowance: still lag
    [InlineData(31_501_000, false, true)]      // 1 ms more: ahead
    public void The_boundary_is_jitter_plus_the_delivery_lag_tolerance(long dropUs, bool lowered, bool ahead)
    {
        DeviceState state = HonestHull();
        int hullBefore = state.HullCount;
        const ulong uptimeUs = 55_000_000;
        long offsetUs = 1_000_000 - dropUs;
        double excessUs = ClockSkew.ExcessBelowEnvelopeUs(state, uptimeUs, offsetUs, Exact, false);
        bool lag = ClockSkew.TryLowerForDeliveryLag(state, uptimeUs, offsetUs, excessUs, Exact, false);
        Assert.Equal(lowered, lag);
        Assert.Equal(ahead, excessUs > 0 && !lag);
        if (!lag) Assert.Equal(hullBefore, state.HullCount); // not lowered: the hull is untouched
        Assert.Equal(lag ? (uint)Math.Ceiling(excessUs / 1000) : 0u, state.ClockLagLoweredMs);
    }

    [Fact]
    public void Lowering_drops_the_late_points_and_the_allowance_is_spent_per_epoch()
    {
        DeviceState state = HonestHull();
        const ulong uptimeUs = 55_000_000;
        long offsetUs = 1_000_000 - 21_500_000; // 20 s beyond jitter
        double excessUs = ClockSkew.ExcessBelowEnvelopeUs(state, uptimeUs, offsetUs, Exact, false);
        Assert.True(ClockSkew.TryLowerForDeliveryLag(state, uptimeUs, offsetUs, excessUs, Exact, false));
        Assert.Equal(0, state.HullCount); // every earlier point lay 20 s above this frame: all were late
        Assert.Equal(20_000u, state.ClockLagLoweredMs);
        ClockSkew.Add(state, uptimeUs, offsetUs);
        // 10 s more would make 30 s: allowed; 10.001 s more would not.
        Assert.False(ClockSkew.TryLowerForDeliveryLag(state, 60_000_000, offsetUs - 11_501_000, ClockSkew.ExcessBelowEnvelopeUs(state, 60_000_000, offsetUs - 11_501_000, Exact, false), Exact, false));
        Assert.True(ClockSkew.TryLowerForDeliveryLag(state, 60_000_000, offsetUs - 11_500_000, ClockSkew.ExcessBelowEnvelopeUs(state, 60_000_000, offsetUs - 11_500_000, Exact, false), Exact, false));
        Assert.Equal(30_000u, state.ClockLagLoweredMs);
    }

    [Theory]
    [InlineData(40.0)]
    [InlineData(-25.0)]
    public void The_skew_fit_is_sound_after_a_late_start(double skewPpm)
    {
        // EvidenceTests' two hours at 5 s with 5-400 ms of one-sided delay, but the first 3 frames 20 s late.
        var state = new DeviceState();
        var thresholds = new EvidenceThresholds();
        var random = new Random(7);
        for (int i = 0; i < 1440; i++)
        {
            ulong uptimeUs = 1_000_000UL + (ulong)i * 5_000_000UL;
            double wallUs = uptimeUs * (1 - skewPpm / 1e6);
            long receiveUs = (long)(wallUs + 5000 + random.NextDouble() * 395_000 + (i < 3 ? 20_000_000 : 0));
            long offset = receiveUs - (long)uptimeUs;
            double excessUs = ClockSkew.ExcessBelowEnvelopeUs(state, uptimeUs, offset, thresholds, false);
            bool lag = ClockSkew.TryLowerForDeliveryLag(state, uptimeUs, offset, excessUs, thresholds, false);
            Assert.False(excessUs > 0 && !lag, $"frame {i} flagged ahead");
            ClockSkew.Add(state, uptimeUs, offset);
            // From the first prompt frame on, the late points have left the fit: every hull point is within the
            // network's 400 ms of the true clock (kept, the first would sit 20 s above it for the whole epoch).
            for (int p = 0; i >= 3 && p < state.HullCount; p++)
            {
                Assert.InRange(state.HullOffsetUs[p] + state.HullUptimeUs[p] * skewPpm / 1e6, 0, 400_001);
            }
        }
        Assert.InRange(ClockSkew.SkewPpm(state, 600)!.Value, -skewPpm - 3, -skewPpm + 3);
        Assert.True(state.ClockLagLoweredMs is > 15_000 and < 20_000, $"{state.ClockLagLoweredMs} ms");
    }

    [Fact]
    public void A_layout_one_state_still_decodes_with_no_allowance_spent()
    {
        var h = new Harness();
        var device = TestDevice.Create(406);
        h.Run(device, 5);
        byte[] current = h.State(device);
        byte[] layoutOne = current[..DeviceStateCodec.LayoutOneSize];
        layoutOne[0] = 1;
        Assert.True(DeviceStateCodec.TryDecode(layoutOne, out DeviceState state));
        Assert.Equal(0u, state.ClockLagLoweredMs);
        Assert.Equal(device.Seq, state.LastSeq);
        layoutOne[0] = DeviceStateCodec.LayoutVersion;
        Assert.False(DeviceStateCodec.TryDecode(layoutOne, out _));
    }

    [Fact]
    public void A_genesis_that_arrived_late_does_not_make_the_on_time_links_after_it_time_gaps()
    {
        var h = new Harness();
        var device = TestDevice.Create(409);
        // The Genesis waited 4 s at the board (a start-up burst); seq 1, made 5 s after it, arrives 1 s after it.
        h.Send(device, device.Genesis(), 0);
        h.Send(device, device.Next(5_000_000), 1000);
        h.Continue(device, 12);
        Assert.All(h.Judgements, j => Assert.DoesNotContain("resumed after", j.Explanation));
        Assert.True(DeviceStateCodec.TryDecode(h.State(device), out DeviceState state));
        Assert.InRange(state.IntervalMs, 4900, 5100);
    }
}
