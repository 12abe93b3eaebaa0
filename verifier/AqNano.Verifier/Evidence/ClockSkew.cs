using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Evidence;

/// <summary>Clock skew from (uptimeUs, receive time) pairs by a lower-envelope fit, after Kohno, Broido and
/// Claffy, "Remote physical device fingerprinting" (IEEE S&amp;P 2005), section 4: the offset
/// receive - uptime of each frame is its clock offset plus a non-negative network delay, so the lower
/// convex hull of the offsets tracks the clock; its slope is the skew. A bounded set of hull points
/// (<see cref="DeviceState.HullCapacity"/>) is kept per epoch; frames flagged slowClock stay out of it.</summary>
public static class ClockSkew
{
    /// <summary>True when this frame arrived earlier than the device's clock allows: its offset lies below the
    /// lower envelope by more than the tolerance (network jitter, plus the crystal allowance over the uptime
    /// since the hull point, plus the slow clock's allowance for frames flagged slowClock). No network delay
    /// can make a frame early, so either the clock ran ahead or the hull's frames were all delivered late
    /// (<see cref="TryLowerForDeliveryLag"/> tells the two apart).</summary>
    public static bool IsAhead(DeviceState state, ulong uptimeUs, long offsetUs, EvidenceThresholds thresholds, bool slowClock) =>
        ExcessBelowEnvelopeUs(state, uptimeUs, offsetUs, thresholds, slowClock) > 0;

    /// <summary>How far (µs) the frame's offset lies below the lower envelope beyond the tolerance; zero or
    /// less when it is within (and when the hull is empty).</summary>
    public static double ExcessBelowEnvelopeUs(DeviceState state, ulong uptimeUs, long offsetUs, EvidenceThresholds thresholds, bool slowClock)
    {
        int n = state.HullCount;
        if (n == 0) return double.NegativeInfinity;
        double jitterUs = thresholds.UptimeToleranceMs * 1000.0;
        if (uptimeUs <= state.HullUptimeUs[n - 1] && n >= 2)
        {
            int right = 1;
            while (right < n - 1 && state.HullUptimeUs[right] < uptimeUs) right++;
            double envelope = state.HullOffsetUs[right - 1] + Slope(state, right - 1, right) * ((double)uptimeUs - state.HullUptimeUs[right - 1]);
            return envelope - offsetUs - jitterUs;
        }
        // Beyond the hull: the lowest line through any hull point with the measured skew only (a short hull's
        // slope is noise). Not the last point alone: the last frame is always a hull point, and when it
        // arrived late (a resend) the next, prompt frame would sit below its line although an earlier, prompt
        // point shows the clock is where it was.
        double? skew = SkewPpm(state, thresholds.SkewMinSpanSeconds);
        double least = double.PositiveInfinity;
        for (int i = 0; i < n; i++) least = Math.Min(least, ExcessBelowPointUs(state, i, uptimeUs, offsetUs, skew, thresholds, slowClock));
        return least;
    }

    /// <summary>Explains a frame below the envelope by delivery lag when the epoch's allowance
    /// (<see cref="EvidenceThresholds.DeliveryLagToleranceMs"/>) still covers <paramref name="excessUs"/>: network
    /// and queue delay only ever raise an offset (Kohno et al., section 4), so hull points that this prompter
    /// frame lies below were delivered late. Those points leave the hull, which re-anchors the envelope on
    /// this frame and keeps the late points out of the skew fit; the allowance spent is kept. False (the hull
    /// untouched) when the allowance does not cover it: then the clock ran ahead.</summary>
    public static bool TryLowerForDeliveryLag(DeviceState state, ulong uptimeUs, long offsetUs, double excessUs, EvidenceThresholds thresholds, bool slowClock)
    {
        if (excessUs <= 0) return false;
        double spentMs = state.ClockLagLoweredMs + excessUs / 1000.0;
        if (spentMs > thresholds.DeliveryLagToleranceMs) return false;
        double? skew = SkewPpm(state, thresholds.SkewMinSpanSeconds);
        int kept = 0;
        for (int i = 0; i < state.HullCount; i++)
        {
            if (ExcessBelowPointUs(state, i, uptimeUs, offsetUs, skew, thresholds, slowClock) > 0) continue;
            state.HullUptimeUs[kept] = state.HullUptimeUs[i];
            state.HullOffsetUs[kept] = state.HullOffsetUs[i];
            kept++;
        }
        state.HullCount = (byte)kept;
        state.ClockLagLoweredMs = (uint)Math.Min(uint.MaxValue, Math.Ceiling(spentMs));
        return true;
    }

    /// <summary>How far the offset lies below the line through hull point <paramref name="i"/> with the
    /// measured skew, beyond jitter and the crystal (and slow clock) allowance over the uptime since that point.</summary>
    private static double ExcessBelowPointUs(DeviceState state, int i, ulong uptimeUs, long offsetUs, double? skew, EvidenceThresholds thresholds, bool slowClock)
    {
        double beyondUs = Math.Max(0, (double)uptimeUs - state.HullUptimeUs[i]);
        double line = state.HullOffsetUs[i] + (skew ?? 0) * beyondUs / 1e6;
        double allowancePpm = thresholds.SkewAnomalyPpm + (slowClock ? thresholds.SlowClockTolerancePpm : 0);
        double toleranceUs = thresholds.UptimeToleranceMs * 1000.0 + allowancePpm * beyondUs / 1e6;
        return line - offsetUs - toleranceUs;
    }

    /// <summary>Adds a point to the lower hull, keeping at most HullCapacity points (the first, the last and the
    /// points that bend the hull most).</summary>
    public static void Add(DeviceState state, ulong uptimeUs, long offsetUs)
    {
        Span<ulong> xs = stackalloc ulong[DeviceState.HullCapacity + 1];
        Span<long> ys = stackalloc long[DeviceState.HullCapacity + 1];
        int n = 0;
        for (int i = 0; i < state.HullCount; i++)
        {
            if (state.HullUptimeUs[i] >= uptimeUs) break; // uptime only advances within an epoch
            xs[n] = state.HullUptimeUs[i]; ys[n] = state.HullOffsetUs[i]; n++;
        }
        xs[n] = uptimeUs; ys[n] = offsetUs; n++;
        n = LowerHull(xs, ys, n);
        while (n > DeviceState.HullCapacity) n = DropFlattest(xs, ys, n);
        for (int i = 0; i < n; i++) { state.HullUptimeUs[i] = xs[i]; state.HullOffsetUs[i] = ys[i]; }
        state.HullCount = (byte)n;
    }

    /// <summary>The skew in ppm (offset µs per second of uptime), or null until the hull spans <paramref name="minSpanSeconds"/>.</summary>
    public static double? SkewPpm(DeviceState state, int minSpanSeconds)
    {
        int n = state.HullCount;
        if (n < 2) return null;
        double span = state.HullUptimeUs[n - 1] - state.HullUptimeUs[0];
        if (span < minSpanSeconds * 1e6) return null;
        // Kohno's linear programme picks the hull edge under the points' centre; with a bounded hull,
        // the edge under the span's midpoint.
        double middle = state.HullUptimeUs[0] + span / 2;
        for (int i = 1; i < n; i++)
        {
            if (state.HullUptimeUs[i] >= middle) return Slope(state, i - 1, i) * 1e6;
        }
        return Slope(state, n - 2, n - 1) * 1e6;
    }

    private static double Slope(DeviceState state, int a, int b) =>
        (state.HullOffsetUs[b] - state.HullOffsetUs[a]) / ((double)state.HullUptimeUs[b] - state.HullUptimeUs[a]);

    private static int LowerHull(Span<ulong> xs, Span<long> ys, int n)
    {
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            while (m >= 2 && Cross(xs[m - 2], ys[m - 2], xs[m - 1], ys[m - 1], xs[i], ys[i]) <= 0) m--;
            xs[m] = xs[i]; ys[m] = ys[i]; m++;
        }
        return m;
    }

    private static int DropFlattest(Span<ulong> xs, Span<long> ys, int n)
    {
        int drop = 1;
        double least = double.MaxValue;
        for (int i = 1; i < n - 1; i++)
        {
            double bend = Cross(xs[i - 1], ys[i - 1], xs[i], ys[i], xs[i + 1], ys[i + 1]);
            if (bend < least) { least = bend; drop = i; }
        }
        for (int i = drop; i < n - 1; i++) { xs[i] = xs[i + 1]; ys[i] = ys[i + 1]; }
        return n - 1;
    }

    private static double Cross(ulong ax, long ay, ulong bx, long by, ulong cx, long cy) =>
        ((double)bx - ax) * ((double)cy - ay) - ((double)by - ay) * ((double)cx - ax);
}
