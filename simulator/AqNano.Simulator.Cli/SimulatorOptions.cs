namespace AqNano.Simulator.Cli;

/// <summary>What the command line asked for, after parsing.</summary>
public sealed record SimulatorOptions(
    string Scenario,
    int? Devices,
    double? IntervalSeconds,
    double? DurationMinutes,
    ulong? Seed,
    string? Broker,
    bool Virtual,
    string? CaptureFile,
    bool List,
    string? CaFile = null);
