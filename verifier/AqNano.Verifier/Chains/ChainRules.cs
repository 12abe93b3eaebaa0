using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Chains;

/// <summary>The chain checks of DESIGN.md "The verifier's rules" for a frame of a known device, in the one
/// order docs/VERIFIER.md fixes: current epoch (genesis replay, next link, ring: duplicate then conflict,
/// fork continuation, stale, gap), then candidate epochs, then the closed epoch (contention), then
/// recent epochs (stale), then a Genesis (new candidate), else a broken link. Only kept frames change state.</summary>
internal sealed class ChainRules(ChainMath math, VerifierPolicy policy)
{
    private readonly CandidateRules _candidates = new(math, policy);
    private readonly LinkAcceptance _links = new(math, policy);

    public CandidateRules Candidates => _candidates;

    public ChainOutcome Judge(DeviceState s, Frame f, byte[] bytes, int length, long nowMs, PathMode path, ulong owner)
    {
        var o = new ChainOutcome();
        math.FrameDigest(bytes, 0, length - ChainMath.DigestSize, o.Digest, 0);
        if (f.Epoch == s.Epoch) return JudgeCurrentEpoch(s, f, o, nowMs, path, owner);
        int slot = _candidates.Find(s, f.Epoch);
        if (slot >= 0) return _candidates.JudgeCandidateLink(s, slot, f, o, nowMs, path, owner);
        if (f.Epoch == s.ClosedEpoch && s.ClosedEpoch != 0) return _candidates.JudgeClosedEpoch(s, f, o, nowMs);
        if (ForkContinues(s, f, o, path)) return o;
        if (EpochMemory.IsRecent(s, f.Epoch))
        {
            return o.Refuse(Verdict.Stale, f.Seq == 0 ? Reasons.EpochReplayed : Reasons.StaleFrame, "frame of a closed epoch");
        }
        bool filterHit = EpochMemory.MaybeSeen(s, f.Epoch);
        if (filterHit) o.Incidents.Add(new Incident("epoch-filter-hit", $"epoch {Hex.FromWire(f.Epoch)} may have been used before (filter hit, flag only)"));
        if (f.Kind == FrameKind.Genesis) return _candidates.OpenCandidate(s, f, o, nowMs, path);
        return o.Refuse(Verdict.Broken, Reasons.BrokenLink, "unknown epoch: the reveal opens nothing kept");
    }

    private ChainOutcome JudgeCurrentEpoch(DeviceState s, Frame f, ChainOutcome o, long nowMs, PathMode path, ulong owner)
    {
        if (f.Seq == 0)
        {
            if (s.InRing(0) && IsByteIdentical(s, 0, f, o.Digest)) return Duplicate(o);
            return o.Refuse(Verdict.Stale, Reasons.EpochReplayed, "a second Genesis for an epoch already seen");
        }
        if (f.Seq == s.LastSeq + 1)
        {
            if (math.Opens(f.Reveal, 0, s.NextCommit, 0))
            {
                _links.AcceptNext(s, f, o, nowMs, path);
                return o;
            }
            if (ForkContinues(s, f, o, path)) return o;
            return o.Refuse(Verdict.Broken, Reasons.BrokenLink, $"seq {f.Seq}: the reveal does not open the stored commitment");
        }
        if (f.Seq <= s.LastSeq)
        {
            if (s.InRing(f.Seq))
            {
                if (IsByteIdentical(s, f.Seq, f, o.Digest)) return Duplicate(o);
                if (ConstantTime.Equal(f.Reveal, 0, s.RingReveals, s.RingIndex(f.Seq), 32))
                {
                    RecordConflict(s, f, o, path);
                    return o;
                }
            }
            if (ForkContinues(s, f, o, path)) return o;
            if (s.InRing(f.Seq)) return o.Refuse(Verdict.Broken, Reasons.BrokenLink, $"seq {f.Seq}: the reveal opens nothing kept");
            return o.Refuse(Verdict.Stale, Reasons.StaleFrame, $"seq {f.Seq} is older than the ring (last {s.LastSeq})");
        }
        if (ForkContinues(s, f, o, path)) return o;
        return o.Refuse(Verdict.Gap, Reasons.Gap, $"seq {f.Seq} after {s.LastSeq}: resend from {s.LastSeq + 1}");
    }

    /// <summary>Byte-identical to the accepted frame of seq: the same digest and the same tag. The tag of an
    /// older ring entry is checked under the next entry's reveal; the newest one against the pending tag.</summary>
    private bool IsByteIdentical(DeviceState s, uint seq, Frame f, byte[] digest)
    {
        if (!ConstantTime.Equal(digest, 0, s.RingDigests, s.RingIndex(seq), 32)) return false;
        if (seq == s.LastSeq) return ConstantTime.Equal(f.Tag, 0, s.PendingTag, 0, DeviceState.TagPrefixSize);
        return s.InRing(seq + 1) && math.TagMatches(s.RingReveals, s.RingIndex(seq + 1), digest, 0, f.Tag, 0);
    }

    private static ChainOutcome Duplicate(ChainOutcome o)
    {
        o.Verdict = Verdict.Duplicate;
        o.Notes.Add("byte-identical to an accepted frame (QoS 1 redelivery): ignored");
        return o;
    }

    /// <summary>A different frame for an accepted seq with the accepted reveal: someone else knew R_n.
    /// Clone evidence only when this frame and every accepted frame of the epoch came over a confidential path.</summary>
    private static void RecordConflict(DeviceState s, Frame f, ChainOutcome o, PathMode path)
    {
        o.Verdict = Verdict.Conflict;
        s.Conflicts++;
        s.ContinuityDepth = 0;
        if (s.ForkLinks == 0 || s.ForkEpoch != f.Epoch)
        {
            s.ForkEpoch = f.Epoch; s.ForkSeq = f.Seq; f.Commit.CopyTo(s.ForkCommit, 0); s.ForkLinks = 1;
        }
        Classify(s, f, o, path, "conflict");
    }

    private bool ForkContinues(DeviceState s, Frame f, ChainOutcome o, PathMode path)
    {
        if (s.ForkLinks == 0 || f.Epoch != s.ForkEpoch || f.Seq != s.ForkSeq + 1 || !math.Opens(f.Reveal, 0, s.ForkCommit, 0)) return false;
        o.Verdict = Verdict.Fork;
        s.ForkSeq = f.Seq; f.Commit.CopyTo(s.ForkCommit, 0);
        if (s.ForkLinks < ushort.MaxValue) s.ForkLinks++;
        if (s.ForkFrames < ushort.MaxValue) s.ForkFrames++;
        o.LiveFork = s.ForkLinks >= 2;
        Classify(s, f, o, path, "fork");
        return true;
    }

    private static void Classify(DeviceState s, Frame f, ChainOutcome o, PathMode path, string what)
    {
        bool confidential = path == PathMode.Confidential && !s.Has(StandingFlags.OpenPathInEpoch);
        string live = o.LiveFork ? $" (live fork, {s.ForkLinks} frames)" : "";
        if (confidential)
        {
            o.CloneEvidence = true;
            s.Set(StandingFlags.Quarantined, true);
            o.Incidents.Add(new Incident("clone", $"{what} at seq {f.Seq} on a confidential path: a second holder of the chain state{live}"));
        }
        else
        {
            s.Set(StandingFlags.OpenPathConflict, true);
            o.Incidents.Add(new Incident("fork", $"{what} at seq {f.Seq} on an open path: someone else knew the reveal{live}"));
        }
        if (s.Incidents < ushort.MaxValue) s.Incidents++;
        o.Notes.Add($"{what} at seq {f.Seq}{live}");
    }
}
