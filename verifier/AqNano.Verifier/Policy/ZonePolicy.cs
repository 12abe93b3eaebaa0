namespace AqNano.Verifier.Policy;

/// <summary>One trust zone (DESIGN.md "Evidence": authority class): its own thresholds, profile and scope rules.</summary>
public sealed class ZonePolicy
{
    /// <summary>Tag-checked links of the current epoch before restricted deepens to full.</summary>
    public int LinksForFull { get; set; } = 10;

    /// <summary>Seconds the current epoch must cover before restricted deepens to full.</summary>
    public int SecondsForFull { get; set; } = 30;

    /// <summary>Agreeing registered witnesses needed before full (0: none needed).</summary>
    public int WitnessesForFull { get; set; }

    /// <summary>A new device's Genesis is Deferred until a registered witness agrees with one of its frames.</summary>
    public bool RequireWitnessForGenesis { get; set; }

    /// <summary>Only allowlisted ids may start as new devices in this zone.</summary>
    public bool AllowlistOnly { get; set; }

    /// <summary>New identities (Genesis of unknown, non-allowlisted ids) accepted per hour in this zone.</summary>
    public int NewIdentitiesPerHour { get; set; } = 1000;

    /// <summary>A valid client certificate from a trusted issuer halves this zone's youth thresholds
    /// (linksForFull, secondsForFull, rounded up): one step earlier to full (docs/VERIFIER.md "Certificates").</summary>
    public bool CertificateLift { get; set; }

    /// <summary>A revoked or untrusted-issuer certificate doubles this zone's youth thresholds for a device not yet
    /// full: a young chain stays restricted longer. It never takes full from a device that holds it.</summary>
    public bool CertificateHoldBack { get; set; }

    public OperatingProfile Profile { get; set; } = new();

    public ScopeRules Scopes { get; set; } = new();
}
