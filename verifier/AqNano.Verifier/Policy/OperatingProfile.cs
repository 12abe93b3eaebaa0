namespace AqNano.Verifier.Policy;

/// <summary>A zone's certified operating profile (DESIGN.md "Evidence": context): the expected frame
/// interval, used until the device's own interval is measured, and the plausible range of each v1
/// feature. A feature outside its range is a context violation: it may lower trust, never raise it.</summary>
public sealed class OperatingProfile
{
    public int IntervalMs { get; set; } = 5000;

    /// <summary>Feature name (adcMean, adcStdDev, adcLsbOnesRatio, jitterMeanUs, jitterStdDevUs,
    /// temperatureC, relativeHumidity, freeMemoryKb) to [min, max] in feature units.</summary>
    public Dictionary<string, double[]> FeatureRanges { get; set; } = new();
}
