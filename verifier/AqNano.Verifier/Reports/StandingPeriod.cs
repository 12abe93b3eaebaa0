namespace AqNano.Verifier.Reports;

/// <summary>Consecutive decisions with the same mode, reason and granted scope: the verifier writes a
/// decision for every judged frame, so a history of changes reads better than one row per frame.</summary>
public sealed class StandingPeriod(DecisionEvent first)
{
    public DecisionEvent First { get; } = first;
    public DecisionEvent Last { get; private set; } = first;
    public long Decisions { get; private set; } = 1;

    /// <summary>Extends the period when <paramref name="next"/> keeps the same standing; false otherwise.</summary>
    public bool TryExtend(DecisionEvent next)
    {
        if (next.Mode != First.Mode || next.Reason != First.Reason || next.GrantedScope != First.GrantedScope) return false;
        Last = next;
        Decisions++;
        return true;
    }
}
