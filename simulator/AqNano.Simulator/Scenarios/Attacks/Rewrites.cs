using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>What attackers change in a frame they rewrite: they ask for every scope (the point of
/// attacking is privilege) and move the temperature feature by 5 °C.</summary>
public static class Rewrites
{
    public static void ClaimEverything(Frame frame)
    {
        frame.RequestedScope = Scopes.All;
        if (Features.IsPresent(frame.FeatureMask, Features.TemperatureC))
        {
            frame.Features[Features.TemperatureC] += 5 * Features.Scale;
        }
    }

    /// <summary>Byte offset of feature <paramref name="feature"/> in an encoded Genesis/Observation,
    /// or -1 when absent (DESIGN.md "Genesis and Observation body": features from offset 38, in bit order).</summary>
    public static int FeatureOffset(ushort featureMask, int feature)
    {
        if (!Features.IsPresent(featureMask, feature)) return -1;
        int offset = 38;
        for (int i = 0; i < feature; i++)
        {
            if (Features.IsPresent(featureMask, i)) offset += 4;
        }
        return offset;
    }
}
