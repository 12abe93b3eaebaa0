using AqNano.Protocol;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Admission;

/// <summary>A client certificate weighed beside continuity (issue 9 item 1; docs/VERIFIER.md "Certificates"),
/// as a step after <see cref="AdmissionRules"/>. It only ever moves the youth rung's thresholds (rule 14):
/// a valid certificate from a trusted issuer halves them where the zone says <c>certificateLift</c> (the
/// one step: AdmitRestricted to AdmitFull earlier); a revoked or untrusted one doubles them where the zone
/// says <c>certificateHoldBack</c>, but never takes AdmitFull from a device that holds it. Every other rung
/// (refusal, deferral, monitoring, the keep period, awaited witnesses) is the chain's alone: a certificate
/// never refuses, never breaks continuity and is never a precondition.</summary>
public static class CertificateWeighing
{
    public static AdmissionResult Weigh(AdmissionResult continuity, DeviceState s, ZonePolicy zone, CertificateStatus status, string? issuer)
    {
        if (status == CertificateStatus.None) return continuity;
        string named = $"certificate {CertificateStatusNames.Of(status)}{(issuer != null ? " from " + issuer : "")}";
        bool young = continuity.Mode == DecisionMode.AdmitRestricted && continuity.Reason is Reasons.None or Reasons.NewDevice or Reasons.YoungEpoch;
        long coveredMs = CoveredMs(s);
        if (young && status == CertificateStatus.Valid && zone.CertificateLift)
        {
            int links = (zone.LinksForFull + 1) / 2, seconds = (zone.SecondsForFull + 1) / 2;
            if (s.ContinuityDepth >= links && coveredMs >= seconds * 1000L)
            {
                if (s.WitnessAgreements < zone.WitnessesForFull)
                    return new(DecisionMode.AdmitRestricted, Reasons.AwaitingWitness, zone.Scopes.AdmitRestricted,
                        $"{s.WitnessAgreements}/{zone.WitnessesForFull} witness agreements for full ({named})");
                return new(DecisionMode.AdmitFull, Reasons.None, zone.Scopes.AdmitFull,
                    $"full: lifted one step by a valid {named}: {s.ContinuityDepth}/{links} links, {coveredMs / 1000}/{seconds} s");
            }
            return continuity with { Why = $"{continuity.Why} ({named} lifts at {links} links, {seconds} s)" };
        }
        bool discredited = status is CertificateStatus.Revoked or CertificateStatus.UntrustedIssuer;
        if (discredited && zone.CertificateHoldBack && continuity.Mode == DecisionMode.AdmitFull && s.Mode != DecisionMode.AdmitFull)
        {
            int links = zone.LinksForFull * 2, seconds = zone.SecondsForFull * 2;
            if (s.ContinuityDepth < links || coveredMs < seconds * 1000L)
                return new(DecisionMode.AdmitRestricted, ReasonOf(status), zone.Scopes.AdmitRestricted,
                    $"young: held back by a {named}: {s.ContinuityDepth}/{links} links, {coveredMs / 1000}/{seconds} s");
        }
        // A reason is noted where nothing more specific holds a young chain back; the mode stays the chain's.
        if (young && continuity.Reason == Reasons.None && status != CertificateStatus.Valid)
            return continuity with { Reason = ReasonOf(status), Why = $"{continuity.Why} ({named})" };
        return continuity with { Why = $"{continuity.Why} ({named})" };
    }

    public static byte ReasonOf(CertificateStatus status) => status switch
    {
        CertificateStatus.Revoked => Reasons.CertificateRevoked,
        CertificateStatus.UntrustedIssuer => Reasons.CertificateUntrusted,
        CertificateStatus.Expired or CertificateStatus.NotYetValid => Reasons.CertificateExpired,
        _ => Reasons.None,
    };

    /// <summary>Time covered as rule 14 counts it: a promoted epoch from the end of its keep period.</summary>
    private static long CoveredMs(DeviceState s)
    {
        long since = s.Has(StandingFlags.PromotedEpoch) ? Math.Max(s.EpochStartMs, s.KeepUntilMs) : s.EpochStartMs;
        return Math.Max(0, s.LastAcceptedMs - since);
    }
}
