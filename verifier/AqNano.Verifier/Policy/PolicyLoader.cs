using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqNano.Verifier.Policy;

/// <summary>Reads and checks the JSON policy file; its SHA-256 goes into the ledger's "policy" record
/// so that every later decision can be tied to the exact policy that made it.</summary>
public static class PolicyLoader
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Parses policy JSON; false with a one-line error when it is not valid.</summary>
    public static bool TryParse(string json, out VerifierPolicy policy, out string error)
    {
        policy = new VerifierPolicy();
        try
        {
            policy = JsonSerializer.Deserialize<VerifierPolicy>(json, Options) ?? new VerifierPolicy();
        }
        catch (JsonException exception)
        {
            error = "policy is not valid JSON: " + exception.Message;
            return false;
        }
        error = Validate(policy);
        return error.Length == 0;
    }

    public static string Serialize(VerifierPolicy policy) => JsonSerializer.Serialize(policy, Options);

    public static string Sha256Hex(VerifierPolicy policy) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Serialize(policy))));

    private static string Validate(VerifierPolicy policy)
    {
        if (!policy.Zones.ContainsKey(policy.DefaultZone)) return $"defaultZone '{policy.DefaultZone}' is not among the zones";
        if (policy.RingSize < 2 || policy.RingSize > VerifierPolicy.MaxRingSize) return $"ringSize must be 2..{VerifierPolicy.MaxRingSize}";
        if (policy.KeepIntervals < 1) return "keepIntervals must be at least 1";
        if (policy.MissedLinkIntervals < 1) return "missedLinkIntervals must be at least 1";
        if (policy.RefusalBudgetPerSource < 0) return "refusalBudgetPerSource must not be negative";
        if (policy.Evidence.DeliveryLagToleranceMs < 0) return "evidence.deliveryLagToleranceMs must not be negative";
        foreach ((string name, ZonePolicy zone) in policy.Zones)
        {
            if (zone.Profile.IntervalMs < 100) return $"zone {name}: profile.intervalMs must be at least 100";
            if (zone.LinksForFull < 1) return $"zone {name}: linksForFull must be at least 1";
        }
        foreach ((string id, string zone) in policy.Devices)
        {
            if (!policy.Zones.ContainsKey(zone)) return $"device {id}: zone '{zone}' is not defined";
        }
        return policy.ValidateProxied();
    }
}
