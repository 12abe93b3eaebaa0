namespace AqNano.Simulator.Tests;

internal static class Statistics
{
    public static (double Mean, double StandardDeviation) Of(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance));
    }
}
