using AqNano.Protocol;
using AqNano.Verifier.Admission;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier.Actuation;

/// <summary>Intent (requestedScope, counted once its frame's tag checked) against execution (grantedScope)
/// (DESIGN.md "Actuation"). Every grant is reversible: a lower standing revokes at once; a new grant is
/// verified after the fact over the next K links, and rolled back to the last verified grant (probation)
/// if continuity breaks within them. What was done under a grant cannot be undone, only stopped and recorded.</summary>
public static class GrantController
{
    public static List<GrantChange> Apply(DeviceState s, AdmissionResult standing, ChainOutcome? outcome, int verifyLinks)
    {
        var changes = new List<GrantChange>();
        bool disturbed = outcome != null && (outcome.PreviousTagFailed || outcome.TimeGap || outcome.ClockAnomaly
                                             || outcome.Verdict is Verdict.Conflict or Verdict.Fork);
        bool cleanLink = outcome != null && outcome.Verdict is Verdict.Next or Verdict.Witness && outcome.PreviousTagChecked && !disturbed;
        if (s.GrantVerifyRemaining > 0 && disturbed && !s.Has(StandingFlags.GrantProbation))
        {
            s.Set(StandingFlags.GrantProbation, true);
            s.GrantVerifyRemaining = (byte)verifyLinks;
        }
        else if (cleanLink && s.GrantVerifyRemaining > 0 && --s.GrantVerifyRemaining == 0)
        {
            if (s.Has(StandingFlags.GrantProbation)) s.Set(StandingFlags.GrantProbation, false);
            else changes.Add(new("grant", s.GrantBaseScope, s.GrantedScope, $"verified: {verifyLinks} clean links after the grant"));
            s.GrantBaseScope = s.GrantedScope;
        }

        ushort target = (ushort)((standing.Ceiling & (s.RequestedScope | Scopes.Observe)) | Scopes.Observe);
        if (s.Has(StandingFlags.GrantProbation)) target &= (ushort)(s.GrantBaseScope | Scopes.Observe);
        ushort old = s.GrantedScope;
        if ((old & ~target) != 0)
        {
            string why = s.Has(StandingFlags.GrantProbation) && (old & ~standing.Ceiling) == 0
                ? $"rolled back: continuity broke within {verifyLinks} links after the grant" : standing.Why;
            changes.Add(new("revocation", old, (ushort)(old & target), why));
            if (s.GrantBaseScope != Scopes.Observe) s.GrantBaseScope &= target;
        }
        if ((target & ~old) != 0)
        {
            changes.Add(new("grant", (ushort)(old & target), target, standing.Why));
            if (s.GrantVerifyRemaining == 0) s.GrantBaseScope = (ushort)(old & target);
            if (!s.Has(StandingFlags.GrantProbation)) s.GrantVerifyRemaining = (byte)verifyLinks;
        }
        s.GrantedScope = target;
        s.Mode = standing.Mode;
        s.Reason = standing.Reason;
        return changes;
    }
}
