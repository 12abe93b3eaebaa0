namespace AqNano.Verifier.Chains;

/// <summary>What the chain rules made of one frame, before evidence is weighed: the verdict, the refusal
/// reason (0 when the frame was kept), and the facts admission and the ledger need.</summary>
public sealed class ChainOutcome
{
    public Verdict Verdict;
    /// <summary>A reason from <c>Reasons</c> when the frame is refused; 0 when it is kept.</summary>
    public byte RefusalReason;
    /// <summary>frameDigest of the frame (zero for frames that did not parse).</summary>
    public readonly byte[] Digest = new byte[32];
    /// <summary>The previous frame's delayed tag was checked by this link.</summary>
    public bool PreviousTagChecked;
    public bool PreviousTagFailed;
    /// <summary>A candidate was promoted by this frame (or by the timer).</summary>
    public bool Promoted;
    /// <summary>A conflict or fork frame is clone evidence (confidential path end to end).</summary>
    public bool CloneEvidence;
    public bool LiveFork;
    /// <summary>Accepted after a missed link (an outage): continuity has a time gap.</summary>
    public bool TimeGap;
    public bool ClockAnomaly;
    public readonly List<Incident> Incidents = new();
    /// <summary>Short facts for the one-line explanation (never a reveal).</summary>
    public readonly List<string> Notes = new();

    public bool Kept => RefusalReason == 0 && Verdict != Verdict.Duplicate;

    public ChainOutcome Refuse(Verdict verdict, byte reason, string note)
    {
        Verdict = verdict;
        RefusalReason = reason;
        Notes.Add(note);
        return this;
    }
}
