namespace AqNano.Simulator.Scenarios;

/// <summary>The network model applied to every board's connection (see Network/LinkConditions).</summary>
public sealed record NetworkSpec
{
    public double DelayFloorMs { get; init; } = 1;
    public double DelayMedianExtraMs { get; init; } = 3;
    public double DelaySpread { get; init; } = 0.6;
    public double LossPercent { get; init; }
    public double AckLossPercent { get; init; }
}
