using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Chains;

/// <summary>Accepting a next link (DESIGN.md "next link"): the previous frame's delayed tag is checked with
/// the reveal this link discloses, its pending evidence counts only if the tag holds, the clock and the
/// interval are weighed, and the link becomes the canonical chain's last frame.</summary>
internal sealed class LinkAcceptance(ChainMath math, VerifierPolicy policy)
{
    private readonly byte[] _tag = new byte[32];

    public void AcceptNext(DeviceState s, Frame f, ChainOutcome o, long nowMs, PathMode path)
    {
        o.Verdict = f.Kind == FrameKind.Witness ? Verdict.Witness : Verdict.Next;
        ZonePolicy zone = policy.Zone(policy.ZoneOf(s.DeviceId));
        CheckPreviousTag(s, f, o, zone);
        CheckClock(s, f, o, nowMs);
        MeasureInterval(s, f, o, nowMs, zone);
        // A promoted epoch deepens again only after its keep period (DESIGN.md "reboot": Observe only for the
        // keep period, then restricted, and deepens again with continuity).
        bool keeping = s.Has(StandingFlags.PromotedEpoch) && nowMs < s.KeepUntilMs;
        if (o.PreviousTagChecked && !o.ClockAnomaly && !keeping && s.ContinuityDepth < uint.MaxValue) s.ContinuityDepth++;
        if (s.LinksInEpoch < uint.MaxValue) s.LinksInEpoch++;
        Record(s, f, o.Digest, nowMs, path, policy.RingSize);
    }

    /// <summary>Makes <paramref name="f"/> the last accepted frame of the canonical chain.</summary>
    public static void Record(DeviceState s, Frame f, byte[] digest, long nowMs, PathMode path, int ringSize)
    {
        int index = s.RingIndex(f.Seq);
        Array.Copy(f.Reveal, 0, s.RingReveals, index, 32);
        Array.Copy(digest, 0, s.RingDigests, index, 32);
        s.RingCount = (byte)Math.Min(s.RingCount + 1, ringSize);
        s.LastSeq = f.Seq;
        f.Commit.CopyTo(s.NextCommit, 0);
        Array.Copy(f.Tag, 0, s.PendingTag, 0, DeviceState.TagPrefixSize);
        SetPending(s, f);
        s.LastAcceptedMs = nowMs;
        s.LastUptimeUs = f.UptimeUs;
        if (s.Accepted < uint.MaxValue) s.Accepted++;
        if (path == PathMode.Open) s.Set(StandingFlags.OpenPathInEpoch, true);
    }

    /// <summary>The frame's own evidence, held until its tag checks. A Witness body has no flags, scope or
    /// features (the parser leaves those fields of the reused Frame as they were): it keeps the device's.</summary>
    public static void SetPending(DeviceState s, Frame f)
    {
        bool witness = f.Kind == FrameKind.Witness;
        s.PendingFlags = witness ? (byte)0 : f.Flags;
        s.PendingRequestedScope = witness ? s.RequestedScope : f.RequestedScope;
        s.PendingFeatureMask = witness ? (ushort)0 : f.FeatureMask;
        if (!witness) f.Features.CopyTo(s.PendingFeatures, 0);
    }

    private void CheckPreviousTag(DeviceState s, Frame f, ChainOutcome o, ZonePolicy zone)
    {
        math.Tag(f.Reveal, 0, s.RingDigests, s.RingIndex(s.LastSeq), _tag, 0);
        if (!ConstantTime.Equal(_tag, 0, s.PendingTag, 0, DeviceState.TagPrefixSize))
        {
            o.PreviousTagFailed = true;
            s.Set(StandingFlags.Altered, true);
            s.ContinuityDepth = 0;
            if (s.AlteredFrames < ushort.MaxValue) s.AlteredFrames++;
            if (s.Incidents < ushort.MaxValue) s.Incidents++;
            o.Incidents.Add(new Incident("tamper", $"frame seq {s.LastSeq} failed its delayed tag: marked altered, its features and requested scope left the evidence"));
            o.Notes.Add($"seq {s.LastSeq} altered in flight");
            return;
        }
        o.PreviousTagChecked = true;
        s.RequestedScope = s.PendingRequestedScope;
        if (s.PendingFeatureMask != 0 && policy.IsProxied(s.DeviceId))
        {
            BehaviourShiftRule.Judge(s, s.PendingFeatureMask, s.PendingFeatures, policy.Evidence, zone, o);
        }
        else if (s.PendingFeatureMask != 0)
        {
            int anomaly = FeatureStatistics.CheckAndAdd(s, s.PendingFeatureMask, s.PendingFeatures, policy.Evidence, zone.Profile, out bool outside);
            s.Set(StandingFlags.ContextViolation, outside);
            s.Set(StandingFlags.FeatureAnomaly, anomaly >= 0 && !outside);
            if (anomaly >= 0) o.Notes.Add($"{FeatureStatistics.Names[anomaly]} {(outside ? "outside the profile" : "far from history")}");
        }
        if ((s.PendingFlags & ObservationFlags.DivergenceSeen) != 0 && !s.Has(StandingFlags.DivergenceSeen))
        {
            s.Set(StandingFlags.DivergenceSeen, true);
            s.ContinuityDepth = 0;
            if (s.Incidents < ushort.MaxValue) s.Incidents++;
            o.Incidents.Add(new Incident("divergence", $"seq {s.LastSeq} says the device saw a Decision acknowledging a frame it did not send"));
        }
    }

    private void CheckClock(DeviceState s, Frame f, ChainOutcome o, long nowMs)
    {
        bool regression = f.UptimeUs <= s.LastUptimeUs && s.LastUptimeUs != 0;
        s.Set(StandingFlags.UptimeRegression, regression);
        if (regression) { o.ClockAnomaly = true; o.Notes.Add("uptime went backwards within the epoch"); return; }
        long offsetUs = nowMs * 1000 - (long)f.UptimeUs;
        bool slow = f.Kind != FrameKind.Witness && (f.Flags & ObservationFlags.SlowClock) != 0;
        double excessUs = ClockSkew.ExcessBelowEnvelopeUs(s, f.UptimeUs, offsetUs, policy.Evidence, slow);
        // Below the envelope: the earlier frames were delivered late (a backlog at the chain's start, a resend),
        // or the clock ran ahead. Within the epoch's delivery-lag allowance the first is assumed and the
        // envelope re-anchored on this frame (DESIGN.md "Evidence": offsets carry only non-negative delay);
        // beyond it, ahead. A clone within the allowance is still a fork (DESIGN.md "conflict").
        bool lag = ClockSkew.TryLowerForDeliveryLag(s, f.UptimeUs, offsetUs, excessUs, policy.Evidence, slow);
        bool ahead = excessUs > 0 && !lag;
        if (lag) o.Notes.Add($"clock envelope lowered {excessUs / 1e6:0.#} s onto this frame: earlier frames arrived late ({s.ClockLagLoweredMs / 1000.0:0.#} of {policy.Evidence.DeliveryLagToleranceMs / 1000.0:0.#} s allowed per epoch)");
        if (!slow) ClockSkew.Add(s, f.UptimeUs, offsetUs);
        double? skew = ClockSkew.SkewPpm(s, policy.Evidence.SkewMinSpanSeconds);
        bool offHistory = skew is double ppm && !float.IsNaN(s.HistoricSkewPpm) && Math.Abs(ppm - s.HistoricSkewPpm) > policy.Evidence.SkewAnomalyPpm;
        s.Set(StandingFlags.SkewAnomaly, ahead || offHistory);
        if (ahead) o.Notes.Add("uptime ran ahead of wall time beyond the measured skew");
        if (offHistory) o.Notes.Add($"skew {skew:0} ppm differs from the device's history {s.HistoricSkewPpm:0} ppm");
        o.ClockAnomaly = ahead || offHistory;
    }

    private void MeasureInterval(DeviceState s, Frame f, ChainOutcome o, long nowMs, ZonePolicy zone)
    {
        double interval = s.IntervalMs > 0 ? s.IntervalMs : zone.Profile.IntervalMs;
        long delta = nowMs - s.LastAcceptedMs;
        if (delta > policy.MissedLinkIntervals * interval)
        {
            o.TimeGap = true;
            if (s.GapsInEpoch < ushort.MaxValue) s.GapsInEpoch++;
            o.Notes.Add($"resumed after {delta / 1000.0:0.#} s without a link");
        }
        // The device's cadence is measured on its own clock, between the two frames' uptimes, when that clock
        // went forward: a receive-time delta is also shortened by the previous frame's delivery delay, and a
        // Genesis that reached the verifier late (a start-up burst, a lost PUBACK) made the first measurement
        // short and every on-time link after it a "time gap" (docs/PERFORMANCE.md "Fleet load", run N). The
        // uptime cannot run far ahead of wall time without the clock check flagging it (CheckClock), so a
        // board cannot stretch its measured interval much. The gap above stays on receive time: a silence is
        // what the verifier saw.
        double measured = f.UptimeUs > s.LastUptimeUs && s.LastUptimeUs != 0 ? (f.UptimeUs - s.LastUptimeUs) / 1000.0 : delta;
        // An outage is not an interval: only deltas near the current estimate refine it.
        if (measured > 0 && measured <= 4 * interval)
        {
            s.IntervalMs = s.IntervalMs > 0 ? (float)(0.875 * s.IntervalMs + 0.125 * measured) : (float)measured;
        }
    }
}
