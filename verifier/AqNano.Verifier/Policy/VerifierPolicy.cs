using AqNano.Protocol;

namespace AqNano.Verifier.Policy;

/// <summary>The verifier's policy file (docs/VERIFIER.md "Policy"): zones with their thresholds and scope
/// rules, device-to-zone assignment, allowlisted ids, registered witnesses, the path mode of an external
/// broker and the chain thresholds. The defaults suit the demo: a device at a 2-5 s interval reaches
/// AdmitFull within about a minute.</summary>
public sealed partial class VerifierPolicy
{
    public const int MaxRingSize = Chains.DeviceState.RingCapacity;

    public string DefaultZone { get; set; } = "lab";

    public Dictionary<string, ZonePolicy> Zones { get; set; } = new() { ["lab"] = new ZonePolicy() };

    /// <summary>Device id (16 hex, wire order) to zone name; others are in <see cref="DefaultZone"/>.</summary>
    public Dictionary<string, string> Devices { get; set; } = new();

    /// <summary>Pre-registered ids: exempt from the new-identity rate and the zone's genesis witness rule.</summary>
    public List<string> Allowlist { get; set; } = new();

    /// <summary>Operator-registered witnesses (16 hex ids): only they carry weight (DESIGN.md "Witnesses").</summary>
    public List<string> Witnesses { get; set; } = new();

    /// <summary>The deployment's path mode when frames come through an external broker (no per-connection mode).</summary>
    public PathMode ExternalBrokerPath { get; set; } = PathMode.Open;

    /// <summary>Last accepted (seq, reveal, digest) kept per device, 1 to 4.</summary>
    public int RingSize { get; set; } = 4;

    /// <summary>Keep period after a promotion, in intervals: the closed epoch's next commitment is kept,
    /// the promoted epoch gets Observe only.</summary>
    public int KeepIntervals { get; set; } = 10;

    /// <summary>A missed link: no accepted link for this many intervals.</summary>
    public double MissedLinkIntervals { get; set; } = 1.5;

    /// <summary>Links after a grant of a new scope that must continue cleanly, or the grant is rolled back.</summary>
    public int GrantVerifyLinks { get; set; } = 3;

    /// <summary>Refused frames recorded in full per connection label; beyond it they are counted.</summary>
    public int RefusalBudgetPerSource { get; set; } = 100;

    public EvidenceThresholds Evidence { get; set; } = new();

    public ZonePolicy Zone(string name) =>
        Zones.TryGetValue(name, out ZonePolicy? zone) ? zone : Zones[DefaultZone];

    public string ZoneOf(ulong deviceId) =>
        Devices.TryGetValue(Hex.FromWire(deviceId), out string? zone) && Zones.ContainsKey(zone) ? zone : DefaultZone;

    /// <summary>Allowlisted, or a registered witness (registered by an operator, so pre-registered too).</summary>
    public bool IsAllowlisted(ulong deviceId) => Allowlist.Contains(Hex.FromWire(deviceId)) || IsWitness(deviceId);

    public bool IsWitness(ulong deviceId) => Witnesses.Contains(Hex.FromWire(deviceId));
}
