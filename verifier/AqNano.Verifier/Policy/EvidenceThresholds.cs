namespace AqNano.Verifier.Policy;

/// <summary>Fleet-wide evidence thresholds (DESIGN.md "Evidence"): when a fingerprint or the clock
/// counts as an anomaly. Anomalies only lower trust.</summary>
public sealed class EvidenceThresholds
{
    /// <summary>A feature further than this many standard deviations from the device's history is an anomaly.</summary>
    public double FeatureSigma { get; set; } = 8;

    /// <summary>Samples of a feature before its statistics judge anything.</summary>
    public int FeatureMinSamples { get; set; } = 30;

    /// <summary>How far a frame may arrive "before" the clock's lower envelope (network jitter, ms rounding).</summary>
    public int UptimeToleranceMs { get; set; } = 1500;

    /// <summary>How far, in all, the clock envelope of one epoch may be lowered onto prompter frames because
    /// its earlier frames reached the verifier late (a backlog, resends after a lost PUBACK). Delay only ever
    /// raises an offset, so a drop within this is explained by delivery lag; a larger drop, or drops that add
    /// up to more within the epoch, still count as a clock that ran ahead (DESIGN.md "Evidence": continuity).</summary>
    public int DeliveryLagToleranceMs { get; set; } = 30_000;

    /// <summary>Extra tolerance for frames flagged slowClock (RTC slow clock in light sleep, a few percent off).</summary>
    public int SlowClockTolerancePpm { get; set; } = 50_000;

    /// <summary>A measured skew further than this from the device's historic skew is an anomaly.</summary>
    public double SkewAnomalyPpm { get; set; } = 100;

    /// <summary>Uptime span the lower envelope must cover before a skew is reported (Kohno et al. need hours).</summary>
    public int SkewMinSpanSeconds { get; set; } = 600;
}
