namespace AqNano.Simulator.Scenarios;

/// <summary>One attack of a scenario. <see cref="Kind"/> names it (clone, replay, mitm, lying-witness,
/// tamper, reboot-storm, dormancy, malformed-flood, spoofed-decision, eavesdropper, genesis-race,
/// sybil); the other fields are its parameters, each attack reading the ones it needs.</summary>
public sealed record AttackSpec
{
    public required string Kind { get; init; }
    /// <summary>The device index attacked (the first one, for attacks on several).</summary>
    public int Target { get; init; }
    /// <summary>For a clone: <see cref="Target"/> indexes the gateways (gw-NN) instead of the devices.</summary>
    public bool OnGateway { get; init; }
    public double AtMinute { get; init; } = 1;
    /// <summary>How many: clones, frames held or altered, reboots, garbage frames, fresh identities.</summary>
    public int Count { get; init; } = 1;
    public double EverySeconds { get; init; } = 10;
    public double ForMinutes { get; init; }
    /// <summary>How long a man in the middle holds a frame back, or an eavesdropper waits before injecting.</summary>
    public double HoldSeconds { get; init; } = 2;
}
