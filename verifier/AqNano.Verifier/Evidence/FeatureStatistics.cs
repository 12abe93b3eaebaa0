using AqNano.Protocol.Frames;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Evidence;

/// <summary>The fingerprint's running statistics (Welford 1962, as in Knuth TAOCP vol. 2, 4.2.2) of the
/// v1 features, kept in the device state across epochs so that a new epoch is compared with the
/// device's history. Features are chosen by the device: they may lower trust, never raise it.</summary>
public static class FeatureStatistics
{
    public static readonly string[] Names =
        ["adcMean", "adcStdDev", "adcLsbOnesRatio", "jitterMeanUs", "jitterStdDevUs", "temperatureC", "relativeHumidity", "freeMemoryKb"];

    /// <summary>Judges a tag-checked frame's features against history and the zone profile, then adds them.
    /// Returns the first feature that is an anomaly (-1 none) and whether it is outside the profile.</summary>
    public static int CheckAndAdd(DeviceState state, ushort featureMask, int[] wireValues,
                                  EvidenceThresholds thresholds, OperatingProfile profile, out bool outsideProfile)
    {
        int anomaly = Check(state, featureMask, wireValues, thresholds, profile, out outsideProfile);
        AddAll(state, featureMask, wireValues);
        return anomaly;
    }

    /// <summary>The judgement of <see cref="CheckAndAdd"/> without adding: the proxied-device shift rule keeps
    /// shifted windows out of the history they are judged against (docs/VERIFIER.md "Proxied devices").</summary>
    public static int Check(DeviceState state, ushort featureMask, int[] wireValues,
                            EvidenceThresholds thresholds, OperatingProfile profile, out bool outsideProfile)
    {
        int anomaly = -1;
        outsideProfile = false;
        for (int i = 0; i < Features.Count; i++)
        {
            if (!Features.IsPresent(featureMask, i)) continue;
            double value = Features.FromWire(wireValues[i]);
            if (profile.FeatureRanges.TryGetValue(Names[i], out double[]? range) && range.Length == 2
                && (value < range[0] || value > range[1]))
            {
                outsideProfile = true;
                if (anomaly < 0) anomaly = i;
            }
            int count = state.FeatureCount[i];
            if (count >= thresholds.FeatureMinSamples && count > 1)
            {
                double sigma = Math.Sqrt(state.FeatureM2[i] / (count - 1));
                double tolerance = thresholds.FeatureSigma * Math.Max(sigma, 1e-3);
                if (Math.Abs(value - state.FeatureMean[i]) > tolerance && anomaly < 0) anomaly = i;
            }
        }
        return anomaly;
    }

    public static void AddAll(DeviceState state, ushort featureMask, int[] wireValues)
    {
        for (int i = 0; i < Features.Count; i++)
        {
            if (Features.IsPresent(featureMask, i)) Add(state, i, Features.FromWire(wireValues[i]));
        }
    }

    /// <summary>Drops the history: what follows is learnt afresh (a confirmed behaviour shift).</summary>
    public static void Forget(DeviceState state)
    {
        Array.Clear(state.FeatureCount);
        Array.Clear(state.FeatureMean);
        Array.Clear(state.FeatureM2);
    }

    private static void Add(DeviceState state, int feature, double value)
    {
        // The count saturates: beyond it each sample weighs 1/65535, a slow forgetting of old history.
        int count = Math.Min(state.FeatureCount[feature] + 1, ushort.MaxValue);
        double mean = state.FeatureMean[feature];
        double delta = value - mean;
        mean += delta / count;
        state.FeatureM2[feature] = (float)(state.FeatureM2[feature] + delta * (value - mean));
        state.FeatureMean[feature] = (float)mean;
        state.FeatureCount[feature] = (ushort)count;
    }
}
