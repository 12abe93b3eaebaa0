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
    /// since the last hull point, plus the slow clock's allowance for frames flagged slowClock).
    /// No network delay can make a frame early, so this is a clock that ran ahead.</summary>
    public static bool IsAhead(DeviceState state, ulong uptimeUs, long offsetUs, EvidenceThresholds thresholds, bool slowClock)
    {
        int n = state.HullCount;
        if (n == 0) return false;
        double envelope;
        double beyondUs = 0;
        if (uptimeUs <= state.HullUptimeUs[n - 1] && n >= 2)
        {
            int right = 1;
            while (right < n - 1 && state.HullUptimeUs[right] < uptimeUs) right++;
            envelope = state.HullOffsetUs[right - 1] + Slope(state, right - 1, right) * ((double)uptimeUs - state.HullUptimeUs[right - 1]);
        }
        else
        {
            // Beyond the hull extrapolate with the measured skew only (a short hull's slope is noise).
            beyondUs = Math.Max(0, (double)uptimeUs - state.HullUptimeUs[n - 1]);
            double? skew = SkewPpm(state, thresholds.SkewMinSpanSeconds);
            envelope = state.HullOffsetUs[n - 1] + (skew ?? 0) * beyondUs / 1e6;
        }
        double allowancePpm = thresholds.SkewAnomalyPpm + (slowClock ? thresholds.SlowClockTolerancePpm : 0);
        double toleranceUs = thresholds.UptimeToleranceMs * 1000.0 + allowancePpm * beyondUs / 1e6;
        return envelope - offsetUs > toleranceUs;
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
