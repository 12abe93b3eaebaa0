namespace AqNano.Simulator.Network;

/// <summary>One-way delay: a fixed floor plus a log-normal tail, the usual shape of Wi-Fi and
/// internet latency (a few ms typical, rare hundreds).</summary>
public sealed record DelayDistribution(double FloorMs, double MedianExtraMs, double Spread)
{
    public static readonly DelayDistribution None = new(0, 0, 0);
    public static readonly DelayDistribution Lan = new(1, 3, 0.6);

    public long SampleUs(Models.SeededRandom random)
    {
        if (MedianExtraMs <= 0) return (long)(FloorMs * 1000);
        double extra = MedianExtraMs * Math.Exp(Spread * random.NextGaussian());
        return (long)((FloorMs + extra) * 1000);
    }
}
