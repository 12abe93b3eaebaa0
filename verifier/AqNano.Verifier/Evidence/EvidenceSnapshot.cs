namespace AqNano.Verifier.Evidence;

/// <summary>The evidence a decision rested on (DESIGN.md "Every decision carries the evidence that made it"):
/// continuity, clock, corroboration, context and authority class. Digests only, never a reveal.</summary>
public sealed record EvidenceSnapshot(
    string Zone,
    uint ContinuityDepth,
    uint LinksInEpoch,
    long CoveredSeconds,
    int TimeGaps,
    double? IntervalMs,
    double? SkewPpm,
    int WitnessAgreements,
    int WitnessDisagreements,
    int Conflicts,
    int AlteredFrames,
    ushort RequestedScope,
    string Standing)
{
    /// <summary>The status of the certificate that speaks for the device (none, valid, expired, not-yet-valid,
    /// revoked, untrusted-issuer): every decision names it (docs/VERIFIER.md "Certificates").</summary>
    public string Certificate { get; init; } = "none";
}
