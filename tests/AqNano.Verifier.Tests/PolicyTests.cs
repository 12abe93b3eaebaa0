using AqNano.Protocol;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>The JSON policy file (docs/VERIFIER.md "Policy").</summary>
public class PolicyTests
{
    private const string Sample = """
        {
          // zones with their own thresholds
          "defaultZone": "lab",
          "zones": {
            "lab": { "linksForFull": 10, "secondsForFull": 30 },
            "plant": { "linksForFull": 100, "requireWitnessForGenesis": true, "allowlistOnly": true,
                       "newIdentitiesPerHour": 5, "profile": { "intervalMs": 2000, "featureRanges": { "temperatureC": [-10, 50] } },
                       "scopes": { "admitFull": 7 } }
          },
          "devices": { "0fbe03c8a5dc62d6": "plant" },
          "allowlist": [ "0fbe03c8a5dc62d6" ],
          "witnesses": [ "0280af76b3db3039" ],
          "externalBrokerPath": "confidential",
          "keepIntervals": 12,
        }
        """;

    [Fact]
    public void TheDeliveryLagToleranceIsReadAndDefaultsToThirtySeconds()
    {
        Assert.Equal(30_000, new VerifierPolicy().Evidence.DeliveryLagToleranceMs);
        Assert.True(PolicyLoader.TryParse("""{ "evidence": { "deliveryLagToleranceMs": 60000 } }""", out VerifierPolicy policy, out string error), error);
        Assert.Equal(60_000, policy.Evidence.DeliveryLagToleranceMs);
        Assert.Equal(1500, policy.Evidence.UptimeToleranceMs); // the other knobs keep their defaults
    }

    [Fact]
    public void APolicyFileWithCommentsParses()
    {
        Assert.True(PolicyLoader.TryParse(Sample, out VerifierPolicy policy, out string error), error);
        ulong device = BitConverter.ToUInt64(Convert.FromHexString("0fbe03c8a5dc62d6"));
        Assert.Equal("plant", policy.ZoneOf(device));
        Assert.Equal("lab", policy.ZoneOf(42));
        Assert.True(policy.IsAllowlisted(device));
        Assert.True(policy.IsWitness(BitConverter.ToUInt64(Convert.FromHexString("0280af76b3db3039"))));
        Assert.Equal(PathMode.Confidential, policy.ExternalBrokerPath);
        Assert.Equal(12, policy.KeepIntervals);
        ZonePolicy plant = policy.Zone("plant");
        Assert.Equal(2000, plant.Profile.IntervalMs);
        Assert.Equal(7, plant.Scopes.AdmitFull);
        Assert.Equal(Scopes.Observe | Scopes.Telemetry, plant.Scopes.AdmitRestricted); // unspecified: default
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "defaultZone": "nowhere" }""", "defaultZone")]
    [InlineData("""{ "ringSize": 9 }""", "ringSize")]
    [InlineData("""{ "devices": { "0011223344556677": "mars" } }""", "mars")]
    [InlineData("""{ "zones": { "lab": { "profile": { "intervalMs": 5 } } } }""", "intervalMs")]
    [InlineData("""{ "evidence": { "deliveryLagToleranceMs": -1 } }""", "deliveryLagToleranceMs")]
    public void AnInvalidPolicyIsRefusedWithOneLine(string json, string mentioned)
    {
        Assert.False(PolicyLoader.TryParse(json, out _, out string error));
        Assert.Contains(mentioned, error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TheDefaultsRoundTripAndHashStably()
    {
        var defaults = new VerifierPolicy();
        Assert.True(PolicyLoader.TryParse(PolicyLoader.Serialize(defaults), out VerifierPolicy again, out _));
        Assert.Equal(PolicyLoader.Sha256Hex(defaults), PolicyLoader.Sha256Hex(again));
        Assert.NotEqual(PolicyLoader.Sha256Hex(defaults), PolicyLoader.Sha256Hex(new VerifierPolicy { KeepIntervals = 11 }));
    }
}
