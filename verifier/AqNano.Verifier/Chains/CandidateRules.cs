using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Chains;

/// <summary>New epochs of a known id (DESIGN.md "Genesis for a known id"): a Genesis opens a candidate, never a
/// replacement; up to two are held, each advanced by its own links. One is promoted once it linked again
/// after the current epoch missed an expected link; with two, only a witness or an operator promotes. The
/// replaced epoch is closed but its next commitment is kept for the keep period: its valid next link then
/// makes the identity contended.</summary>
internal sealed class CandidateRules(ChainMath math, VerifierPolicy policy)
{
    private readonly byte[] _tag = new byte[32];

    public int Find(DeviceState s, ulong epoch)
    {
        for (int i = 0; i < s.Candidates.Length; i++)
        {
            if (s.Candidates[i].InUse && s.Candidates[i].Epoch == epoch) return i;
        }
        return -1;
    }

    public ChainOutcome OpenCandidate(DeviceState s, Frame f, ChainOutcome o, long nowMs, PathMode path)
    {
        int free = Array.FindIndex(s.Candidates, c => !c.InUse);
        if (free < 0) return o.Refuse(Verdict.Candidate, Reasons.CandidateSlotsFull, "both candidate slots are taken");
        CandidateSlot c = s.Candidates[free];
        c.Clear();
        c.InUse = true;
        c.Epoch = f.Epoch;
        f.Commit.CopyTo(c.NextCommit, 0);
        o.Digest.CopyTo(c.LastDigest, 0);
        Array.Copy(f.Tag, 0, c.PendingTag, 0, DeviceState.TagPrefixSize);
        c.FirstSeenMs = nowMs;
        c.LastLinkMs = nowMs;
        c.OpenPath = path == PathMode.Open;
        o.Verdict = Verdict.Candidate;
        o.Notes.Add($"Genesis of candidate epoch {Hex.FromWire(f.Epoch)} for a known id");
        UpdateTwoCandidates(s, o);
        return o;
    }

    public ChainOutcome JudgeCandidateLink(DeviceState s, int index, Frame f, ChainOutcome o, long nowMs, PathMode path, ulong owner)
    {
        CandidateSlot c = s.Candidates[index];
        bool sameAsLast = f.Seq == c.LastSeq && ConstantTime.Equal(o.Digest, 0, c.LastDigest, 0, 32)
                          && ConstantTime.Equal(f.Tag, 0, c.PendingTag, 0, DeviceState.TagPrefixSize);
        if (sameAsLast)
        {
            o.Verdict = Verdict.Duplicate;
            o.Notes.Add("byte-identical to the candidate's last frame: ignored");
            return o;
        }
        if (f.Seq == 0) return o.Refuse(Verdict.Stale, Reasons.EpochReplayed, "a second Genesis for a candidate epoch");
        if (f.Seq > c.LastSeq + 1) return o.Refuse(Verdict.Gap, Reasons.Gap, $"candidate seq {f.Seq} after {c.LastSeq}");
        if (f.Seq != c.LastSeq + 1 || !math.Opens(f.Reveal, 0, c.NextCommit, 0))
        {
            return o.Refuse(Verdict.Broken, Reasons.BrokenLink, "the reveal opens nothing kept for the candidate");
        }
        math.Tag(f.Reveal, 0, c.LastDigest, 0, _tag, 0);
        if (!ConstantTime.Equal(_tag, 0, c.PendingTag, 0, DeviceState.TagPrefixSize))
        {
            o.Incidents.Add(new Incident("tamper", $"candidate epoch {Hex.FromWire(c.Epoch)} seq {c.LastSeq} failed its delayed tag"));
        }
        c.LastSeq = f.Seq;
        f.Commit.CopyTo(c.NextCommit, 0);
        o.Digest.CopyTo(c.LastDigest, 0);
        Array.Copy(f.Tag, 0, c.PendingTag, 0, DeviceState.TagPrefixSize);
        c.LastLinkMs = nowMs;
        if (c.Links < ushort.MaxValue) c.Links++;
        if (path == PathMode.Open) c.OpenPath = true;
        o.Verdict = Verdict.Candidate;
        o.Notes.Add($"candidate epoch {Hex.FromWire(c.Epoch)} linked seq {f.Seq}");
        if (TryPromote(s, nowMs, o) && s.Epoch == f.Epoch)
        {
            // The link that promoted is now the canonical chain's newest frame: keep its reveal in the ring.
            Array.Copy(f.Reveal, 0, s.RingReveals, s.RingIndex(f.Seq), 32);
            LinkAcceptance.SetPending(s, f);
            s.LastUptimeUs = f.UptimeUs;
            if (path == PathMode.Open) s.Set(StandingFlags.OpenPathInEpoch, true);
            s.OwnerHash = owner;
        }
        return o;
    }

    public ChainOutcome JudgeClosedEpoch(DeviceState s, Frame f, ChainOutcome o, long nowMs)
    {
        if (nowMs <= s.KeepUntilMs && f.Seq == s.ClosedSeq + 1 && math.Opens(f.Reveal, 0, s.ClosedCommit, 0))
        {
            s.ClosedSeq = f.Seq;
            f.Commit.CopyTo(s.ClosedCommit, 0);
            o.Verdict = Verdict.Contended;
            if (!s.Has(StandingFlags.Contended))
            {
                s.Set(StandingFlags.Contended, true);
                if (s.Incidents < ushort.MaxValue) s.Incidents++;
                o.Incidents.Add(new Incident("contended", $"closed epoch {Hex.FromWire(f.Epoch)} linked seq {f.Seq} during its keep period: the promoted epoch may have displaced a live device"));
            }
            o.Notes.Add($"closed epoch {Hex.FromWire(f.Epoch)} is still linking: identity contended");
            return o;
        }
        return o.Refuse(Verdict.Stale, f.Seq == 0 ? Reasons.EpochReplayed : Reasons.StaleFrame, "frame of the closed epoch");
    }

    /// <summary>Promotes the one eligible candidate: it linked after the current epoch's missed-link deadline
    /// (with two candidates held, only a witnessed one is eligible). Runs on arrival and on the timer.</summary>
    public bool TryPromote(DeviceState s, long nowMs, ChainOutcome? o)
    {
        double deadline = s.LastAcceptedMs + policy.MissedLinkIntervals * Interval(s);
        bool two = s.Candidates[0].InUse && s.Candidates[1].InUse;
        int eligible = -1, count = 0;
        for (int i = 0; i < s.Candidates.Length; i++)
        {
            CandidateSlot c = s.Candidates[i];
            if (!c.InUse || c.Links < 1 || c.LastLinkMs <= deadline || (two && !c.Witnessed)) continue;
            eligible = i; count++;
        }
        if (count != 1) return false;
        Promote(s, eligible, nowMs);
        if (o != null)
        {
            o.Promoted = true;
            o.Notes.Add(two ? "promoted by a registered witness over a second candidate" : "promoted: the current epoch missed its link");
        }
        return true;
    }

    /// <summary>The candidate becomes the canonical epoch; the replaced one is closed and kept for the keep period.</summary>
    public void Promote(DeviceState s, int index, long nowMs)
    {
        CandidateSlot c = s.Candidates[index];
        s.ClosedEpoch = s.Epoch;
        s.ClosedSeq = s.LastSeq;
        s.NextCommit.CopyTo(s.ClosedCommit, 0);
        s.KeepUntilMs = nowMs + (long)(policy.KeepIntervals * Interval(s));
        double? skew = ClockSkew.SkewPpm(s, policy.Evidence.SkewMinSpanSeconds);
        if (skew is double ppm) s.HistoricSkewPpm = (float)ppm;

        s.Epoch = c.Epoch;
        s.LastSeq = c.LastSeq;
        c.NextCommit.CopyTo(s.NextCommit, 0);
        c.PendingTag.CopyTo(s.PendingTag, 0);
        s.PendingFlags = 0;
        s.PendingFeatureMask = 0;
        s.PendingRequestedScope = s.RequestedScope;
        s.RingCount = 1;
        Array.Clear(s.RingReveals, s.RingIndex(c.LastSeq), 32); // unknown until the promoting link's reveal is stored
        Array.Copy(c.LastDigest, 0, s.RingDigests, s.RingIndex(c.LastSeq), 32);
        s.EpochStartMs = c.FirstSeenMs;
        s.LastAcceptedMs = c.LastLinkMs;
        s.LastUptimeUs = 0;
        s.LinksInEpoch = c.Links;
        s.GapsInEpoch = 0;
        s.ContinuityDepth = 0;
        s.HullCount = 0;
        s.ClockLagLoweredMs = 0;
        s.OwnerHash = 0;
        s.Flags &= ~(StandingFlags.FirstEpoch | StandingFlags.FrameAnomalies | StandingFlags.OpenPathInEpoch | StandingFlags.Witnessed);
        s.Set(StandingFlags.PromotedEpoch, true);
        s.Set(StandingFlags.OpenPathInEpoch, c.OpenPath);
        s.Set(StandingFlags.Witnessed, c.Witnessed);
        EpochMemory.Remember(s, c.Epoch);
        c.Clear();
        s.Set(StandingFlags.TwoCandidates, false);
    }

    /// <summary>Timer: forget candidates that stopped linking for a keep period, so that slots free up.</summary>
    public bool ExpireCandidates(DeviceState s, long nowMs, List<string> notes)
    {
        bool changed = false;
        double keep = policy.KeepIntervals * Interval(s);
        foreach (CandidateSlot c in s.Candidates)
        {
            if (!c.InUse || nowMs - c.LastLinkMs <= keep) continue;
            notes.Add($"candidate epoch {Hex.FromWire(c.Epoch)} expired after {(nowMs - c.LastLinkMs) / 1000} s without a link");
            c.Clear();
            changed = true;
        }
        if (changed) s.Set(StandingFlags.TwoCandidates, s.Candidates[0].InUse && s.Candidates[1].InUse);
        return changed;
    }

    public double Interval(DeviceState s) =>
        s.IntervalMs > 0 ? s.IntervalMs : policy.Zone(policy.ZoneOf(s.DeviceId)).Profile.IntervalMs;

    private static void UpdateTwoCandidates(DeviceState s, ChainOutcome o)
    {
        bool two = s.Candidates[0].InUse && s.Candidates[1].InUse;
        if (two && !s.Has(StandingFlags.TwoCandidates))
        {
            if (s.Incidents < ushort.MaxValue) s.Incidents++;
            o.Incidents.Add(new Incident("two-candidates", "two candidate epochs at once: only an operator or a registered witness promotes"));
        }
        s.Set(StandingFlags.TwoCandidates, two);
    }
}
