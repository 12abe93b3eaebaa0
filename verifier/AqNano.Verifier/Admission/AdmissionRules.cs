using AqNano.Protocol;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Admission;

/// <summary>Graduated admission (DESIGN.md "Evidence, admission, actuation, lineage"), first match wins:
/// quarantine, operator revocation, contention, awaited corroboration (Refused, Deferred); then the
/// monitored caps (tamper, open-path conflict, witness disagreement, divergence, clock and fingerprint
/// anomalies); then the keep period and youth (restricted); else full. The newest frame's pending tag is
/// never a reason to defer: a decision at frame n rests on tags up to n-1.</summary>
public static class AdmissionRules
{
    private static readonly (StandingFlags Flag, byte Reason, string Why)[] MonitoredCaps =
    [
        (StandingFlags.Altered, Reasons.AlteredFrame, "a frame failed its delayed tag"),
        (StandingFlags.OpenPathConflict, Reasons.OpenPathConflict, "a conflict on an open path"),
        (StandingFlags.WitnessDisagreement, Reasons.WitnessDisagreement, "a registered witness disagreed"),
        (StandingFlags.DivergenceSeen, Reasons.DivergenceSeen, "the device saw a Decision for a frame it did not send"),
        (StandingFlags.UptimeRegression, Reasons.UptimeRegression, "uptime went backwards"),
        (StandingFlags.SkewAnomaly, Reasons.SkewAnomaly, "the clock is off its envelope or history"),
        (StandingFlags.ContextViolation, Reasons.ContextViolation, "a feature outside the operating profile"),
        (StandingFlags.FeatureAnomaly, Reasons.FeatureAnomaly, "a feature far from the device's history"),
    ];

    public static AdmissionResult Decide(DeviceState s, VerifierPolicy policy, long nowMs)
    {
        ZonePolicy zone = policy.Zone(policy.ZoneOf(s.DeviceId));
        ScopeRules scopes = zone.Scopes;
        if (s.Has(StandingFlags.Quarantined))
            return new(DecisionMode.Refused, Reasons.CloneEvidence, scopes.Refused, "quarantined: clone evidence on a confidential path, until an operator resolves it");
        if (s.Has(StandingFlags.OperatorRevoked))
            return new(DecisionMode.Refused, Reasons.OperatorRevoked, scopes.Refused, "revoked by an operator");
        if (s.Has(StandingFlags.Contended))
            return new(DecisionMode.Deferred, Reasons.ContendedIdentity, scopes.Deferred, "contended: a closed epoch linked during its keep period");
        if (s.Has(StandingFlags.FirstEpoch) && zone.RequireWitnessForGenesis && !policy.IsAllowlisted(s.DeviceId) && !s.Has(StandingFlags.Witnessed))
            return new(DecisionMode.Deferred, Reasons.AwaitingWitness, scopes.Deferred, "the zone needs a registered witness before admitting a new device");
        foreach ((StandingFlags flag, byte reason, string why) in MonitoredCaps)
        {
            if (s.Has(flag)) return new(DecisionMode.AdmitMonitored, reason, scopes.AdmitMonitored, "monitored: " + why);
        }
        if (s.Has(StandingFlags.PromotedEpoch) && nowMs < s.KeepUntilMs)
            return new(DecisionMode.AdmitRestricted, Reasons.KeepPeriod, Scopes.Observe, $"keep period of the replaced epoch for {(s.KeepUntilMs - nowMs) / 1000} s more: Observe only");
        // A promoted epoch is young again after its keep period: its time and depth count from the period's end
        // ("starts with Observe only for the keep period, then restricted, and deepens again").
        long since = s.Has(StandingFlags.PromotedEpoch) ? Math.Max(s.EpochStartMs, s.KeepUntilMs) : s.EpochStartMs;
        long coveredMs = Math.Max(0, s.LastAcceptedMs - since);
        if (s.ContinuityDepth < zone.LinksForFull || coveredMs < zone.SecondsForFull * 1000L)
        {
            byte reason = s.Has(StandingFlags.PromotedEpoch) ? Reasons.YoungEpoch
                        : s.LinksInEpoch == 0 && s.Has(StandingFlags.FirstEpoch) ? Reasons.NewDevice : Reasons.None;
            return new(DecisionMode.AdmitRestricted, reason, scopes.AdmitRestricted,
                $"young: {s.ContinuityDepth}/{zone.LinksForFull} links, {coveredMs / 1000}/{zone.SecondsForFull} s");
        }
        if (s.WitnessAgreements < zone.WitnessesForFull)
            return new(DecisionMode.AdmitRestricted, Reasons.AwaitingWitness, scopes.AdmitRestricted, $"{s.WitnessAgreements}/{zone.WitnessesForFull} witness agreements for full");
        return new(DecisionMode.AdmitFull, Reasons.None, scopes.AdmitFull, $"full: {s.ContinuityDepth} links over {coveredMs / 1000} s");
    }
}
