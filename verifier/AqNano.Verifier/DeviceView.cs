using AqNano.Protocol;

namespace AqNano.Verifier;

/// <summary>One device as the dashboard and reports show it: digests, never the reveal of a
/// frame still in the verifier's ring (DESIGN.md "Disclosure"). Ids print as 16 hex characters.</summary>
public sealed partial record DeviceView(
    ulong DeviceId,
    string Zone,
    DecisionMode Mode,
    byte Reason,
    ushort GrantedScope,
    ushort RequestedScope,
    ulong Epoch,
    uint LastSeq,
    int ContinuityDepth,
    IReadOnlyList<int> TrustSlope,
    double? SkewPpm,
    long LastSeenUnixMs,
    int AgreeingWitnesses,
    string LastFrameDigestHex,
    PathMode Path,
    string Explanation,
    int Incidents)
{
    /// <summary>The certificate that speaks for the device (its connection's, bound at an accepted frame), or null.</summary>
    public Evidence.CertificateEvidence? Certificate { get; init; }

    /// <summary>Its status as the last decision weighed it.</summary>
    public Evidence.CertificateStatus CertificateStatus { get; init; }
}
