namespace AqNano.Simulator.Scenarios;

/// <summary>A plain sensor behind a gateway (docs/ADOPTION.md "Gateway-mediated retrofit"): it cannot run the chain, it only
/// publishes readings on its cadence; the gateway <see cref="Gateway"/> keeps a chain for it. From
/// <see cref="SwapAtMinute"/> on, another unit sits at the same address: its readings and cadence are the Swap* ones.</summary>
public sealed record ProxiedSensorSpec
{
    /// <summary>Index of the gateway (gw-NN) that watches the sensor.</summary>
    public int Gateway { get; init; }
    /// <summary>What names the sensor on its own bus; default "plant/{index}/temperature".</summary>
    public string Topic { get; init; } = "";
    public double ValueMean { get; init; } = 21.0;
    public double ValueNoise { get; init; } = 0.1;
    public double PeriodSeconds { get; init; } = 2;
    public double PeriodJitterSeconds { get; init; } = 0.02;
    /// <summary>Mean signal strength in dBm where the bus reports one (a radio sensor); null for a wired one.</summary>
    public double? SignalDbm { get; init; }
    public double? SwapAtMinute { get; init; }
    public double SwapValueMean { get; init; } = 23.5;
    public double SwapValueNoise { get; init; } = 0.4;
    public double SwapPeriodSeconds { get; init; } = 3;
}
