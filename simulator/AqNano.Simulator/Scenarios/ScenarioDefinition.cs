namespace AqNano.Simulator.Scenarios;

/// <summary>One named, seeded run as data (a JSON file of the catalogue, or the user's own): the
/// fleet, its network, what happens to it, and what the verifier must conclude (<see cref="Expected"/>).</summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public ulong Seed { get; init; } = 1;
    /// <summary>First ESP32 MAC serial of the run (<see cref="Models.EspressifMac"/>); unset, one drawn from the
    /// seed. Simulator processes that feed one verifier take bases at least 400,000 apart (unit indices run
    /// to 300,000 and more: gateways, clones, Sybils) and below 2^24, so that their ids never meet.</summary>
    public uint? ChipIdBase { get; init; }
    public int Devices { get; init; } = 3;
    /// <summary>Gateways (witnesses) besides the devices; they hear every ESP32 device's beacons.</summary>
    public int Gateways { get; init; }
    /// <summary>Board kinds, cycled over the devices ("Esp32", "Stm32").</summary>
    public string[] BoardKinds { get; init; } = { "Esp32", "Stm32" };
    public double IntervalSeconds { get; init; } = 10;
    /// <summary>ESP32 devices light-sleep between events (their frames then say slowClock).</summary>
    public bool LightSleep { get; init; }
    public double DurationMinutes { get; init; } = 10;
    /// <summary>"open" or "confidential": every board's and attacker's connection path.</summary>
    public string Path { get; init; } = "confidential";
    public NetworkSpec Network { get; init; } = new();
    public OutageSpec[] Outages { get; init; } = Array.Empty<OutageSpec>();
    public RebootSpec[] Reboots { get; init; } = Array.Empty<RebootSpec>();
    public AttackSpec[] Attacks { get; init; } = Array.Empty<AttackSpec>();
    /// <summary>Gateway names the verifier's policy must register as witnesses for this run.</summary>
    public string[] RegisteredWitnesses { get; init; } = Array.Empty<string>();
    /// <summary>Plain sensors behind the gateways, each with a chain its gateway keeps (docs/ADOPTION.md "Gateway-mediated retrofit");
    /// the verifier's policy must register each pair (the end-to-end harness does, from <see cref="ScenarioRun.Proxied"/>).</summary>
    public ProxiedSensorSpec[] ProxiedSensors { get; init; } = Array.Empty<ProxiedSensorSpec>();
    public ExpectedOutcome[] Expected { get; init; } = Array.Empty<ExpectedOutcome>();
}
