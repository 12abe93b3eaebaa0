namespace AqNano.Simulator.Fleet;

/// <summary>What a simulated board is flashed with: event interval, requested scope and role.</summary>
public sealed record BoardSettings(int IntervalMs, ushort RequestedScope, BoardRole Role)
{
    public static BoardSettings Default => new(10_000, Protocol.Scopes.Observe | Protocol.Scopes.Telemetry, BoardRole.Device);
}
