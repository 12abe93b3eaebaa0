namespace AqNano.Simulator.Fleet;

/// <summary>What a simulated board is flashed with: event interval, requested scope and role.</summary>
public sealed record BoardSettings(int IntervalMs, ushort RequestedScope, BoardRole Role)
{
    /// <summary>Waits of a second or more pass in light sleep on the slow clock (ESP32 boards only):
    /// RAM and the chain survive, and the Core flags the next frame slowClock (DESIGN.md "flags").</summary>
    public bool LightSleep { get; init; }

    public static BoardSettings Default => new(10_000, Protocol.Scopes.Observe | Protocol.Scopes.Telemetry, BoardRole.Device);
}
