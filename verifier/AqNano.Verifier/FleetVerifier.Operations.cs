using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier;

/// <summary>What changes standing without a canonical frame: the timer, operators and witness reports.</summary>
public sealed partial class FleetVerifier
{
    public IReadOnlyList<Judgement> Tick()
    {
        long now = NowMs();
        var result = new List<Judgement>();
        while (_pending.TryDequeue(out Judgement? queued)) result.Add(queued);
        foreach (DeviceSlot slot in _slots.Values.OrderBy(s => s.State.DeviceId))
        {
            lock (slot.Gate)
            {
                var notes = new List<string>();
                CandidateRules candidates = _workers.Value!.Rules.Candidates;
                bool changed = candidates.ExpireCandidates(slot.State, now, notes);
                var o = new ChainOutcome();
                if (candidates.TryPromote(slot.State, now, o)) { changed = true; notes.AddRange(o.Notes); }
                Judgement? judgement = Reassess(slot, now, notes.Count > 0 ? "timer: " + string.Join("; ", notes) : "timer", o.Promoted, changed);
                if (judgement != null) { result.Add(judgement); Judged?.Invoke(judgement); }
            }
        }
        foreach ((string source, long suppressed) in _refusals.TakeUnwrittenCounts()) _ledger.RefusalCount(now, source, suppressed);
        return result;
    }

    public Judgement? Revoke(ulong deviceId, string operatorName, string reason) =>
        Operate(deviceId, "revoke", operatorName, reason, s => s.Set(StandingFlags.OperatorRevoked, true));

    /// <summary>Clears the incidents an operator resolves (quarantine, revocation, contention, tamper, conflicts,
    /// witness disagreement, divergence); the current canonical epoch stays, the closed one stops counting.</summary>
    public Judgement? Reinstate(ulong deviceId, string operatorName, string reason) =>
        Operate(deviceId, "reinstate", operatorName, reason, s =>
        {
            s.Flags &= ~StandingFlags.OperatorResolvable;
            s.Flags &= ~StandingFlags.GrantProbation;
            s.ForkLinks = 0;
            s.KeepUntilMs = Math.Min(s.KeepUntilMs, NowMs());
        });

    /// <summary>An operator promotes one of the candidate epochs (needed when two are held: DESIGN.md
    /// "Two candidates at once"). Null when the device or the candidate is unknown.</summary>
    public Judgement? PromoteCandidate(ulong deviceId, ulong epoch, string operatorName, string reason)
    {
        if (!_slots.TryGetValue(deviceId, out DeviceSlot? slot)) return null;
        lock (slot.Gate)
        {
            CandidateRules candidates = _workers.Value!.Rules.Candidates;
            int index = candidates.Find(slot.State, epoch);
            if (index < 0) return null;
            long now = NowMs();
            Judgement judgement = RestoringOnFailure(slot, () =>
            {
                candidates.Promote(slot.State, index, now);
                return Reassess(slot, now, $"operator {operatorName} promoted epoch {Hex.FromWire(epoch)}: {reason}", true, true, () =>
                {
                    _ledger.Operator(now, deviceId, "promote", operatorName, reason);
                    _ledger.Incident(now, deviceId, new Incident("promotion-by-operator", $"{operatorName} promoted candidate epoch {Hex.FromWire(epoch)}: {reason}"));
                })!;
            });
            Judged?.Invoke(judgement);
            return judgement;
        }
    }

    private Judgement? Operate(ulong deviceId, string action, string operatorName, string reason, Action<DeviceState> change)
    {
        if (!_slots.TryGetValue(deviceId, out DeviceSlot? slot)) return null;
        lock (slot.Gate)
        {
            long now = NowMs();
            Judgement judgement = RestoringOnFailure(slot, () =>
            {
                change(slot.State);
                return Reassess(slot, now, $"operator {operatorName} {action}: {reason}", true, true,
                    () => _ledger.Operator(now, deviceId, action, operatorName, reason))!;
            });
            Judged?.Invoke(judgement);
            CapProxiedOf(deviceId, now);
            return judgement;
        }
    }

    /// <summary>An action whose records could not be made durable did not happen: the device's state goes back
    /// to what it was, and the caller (operator, API) gets the error.</summary>
    private static Judgement RestoringOnFailure(DeviceSlot slot, Func<Judgement> action)
    {
        byte[] before = DeviceStateCodec.Encode(slot.State);
        try
        {
            return action();
        }
        catch
        {
            DeviceStateCodec.TryDecode(before, out slot.State);
            throw;
        }
    }

    /// <summary>A registered witness's accepted frame reports the digest it heard from its subject (DESIGN.md
    /// "Witnesses"): agreeing raises corroboration, disagreeing monitors the subject (never quarantines). The
    /// subject's changed standing is recorded now and returned by the next Tick for publishing.</summary>
    private void Corroborate(Judgement witnessJudgement, JudgeWorker w, long now)
    {
        ulong subject = w.Frame.SubjectDeviceId, epoch = w.Frame.SubjectEpoch;
        uint seq = w.Frame.SubjectSeq;
        byte[] digest = (byte[])w.Frame.SubjectFrameDigest.Clone();
        string witness = Hex.FromWire(witnessJudgement.DeviceId);
        // A witness that is itself refused or deferred (revoked, quarantined, contended) carries no weight.
        if (witnessJudgement.Mode is DecisionMode.Refused or DecisionMode.Deferred) return;
        if (!_slots.TryGetValue(subject, out DeviceSlot? slot)) return;
        lock (slot.Gate)
        {
            DeviceState s = slot.State;
            string? cause = null;
            Incident? disagreement = null;
            if (epoch == s.Epoch && s.InRing(seq))
            {
                if (ConstantTime.Equal(digest, 0, s.RingDigests, s.RingIndex(seq), 32))
                {
                    if (s.WitnessAgreements < ushort.MaxValue) s.WitnessAgreements++;
                    s.Set(StandingFlags.Witnessed, true);
                    cause = $"witness {witness} agrees with seq {seq}";
                }
                else
                {
                    if (s.WitnessDisagreements < ushort.MaxValue) s.WitnessDisagreements++;
                    s.Set(StandingFlags.WitnessDisagreement, true);
                    if (s.Incidents < ushort.MaxValue) s.Incidents++;
                    cause = $"witness {witness} heard a different digest for seq {seq}";
                    disagreement = new Incident("witness-disagreement", cause);
                }
            }
            else
            {
                int index = w.Rules.Candidates.Find(s, epoch);
                if (index >= 0 && s.Candidates[index].LastSeq == seq && ConstantTime.Equal(digest, 0, s.Candidates[index].LastDigest, 0, 32))
                {
                    s.Candidates[index].Witnessed = true;
                    cause = $"witness {witness} agrees with candidate epoch {Hex.FromWire(epoch)} seq {seq}";
                }
            }
            if (cause == null) return;
            Judgement? judgement = Reassess(slot, now, cause, false, true,
                disagreement == null ? null : () => _ledger.Incident(now, subject, disagreement));
            if (judgement != null) { _pending.Enqueue(judgement); Judged?.Invoke(judgement); }
        }
    }
}
