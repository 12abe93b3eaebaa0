using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Actuation;
using AqNano.Verifier.Admission;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier;

/// <summary>After the chain rules kept a frame: weigh, admit, actuate, record, persist (docs/VERIFIER.md, steps 8-12).</summary>
public sealed partial class FleetVerifier
{
    private Judgement Finish(DeviceSlot slot, ChainOutcome o, InboundFrame input, Frame f, ReadOnlySpan<byte> payload, bool takeOwnership, bool forward)
    {
        DeviceState s = slot.State;
        long now = input.ReceivedUnixMs;
        using LedgerRecorder.Batch records = _ledger.BeginBatch();
        _ledger.Frame(now, s.DeviceId, payload, o.Verdict, f.Epoch, f.Seq, o.Digest, input.Connection, input.Path);
        foreach (Incident incident in o.Incidents) _ledger.Incident(now, s.DeviceId, incident);

        bool pendingCandidate = o.Verdict == Verdict.Candidate && !o.Promoted;
        bool canonicalLink = o.Verdict is Verdict.Genesis or Verdict.Next or Verdict.Witness || o.Promoted;
        if (canonicalLink) NoteCarrier(s, input, o);
        (DecisionMode oldMode, byte oldReason, ushort oldScope) = (s.Mode, s.Reason, s.GrantedScope);
        if (takeOwnership) _certificates.Bind(s.DeviceId, input.Connection, input.Certificate);
        AdmissionResult standing = Standing(s, now);
        List<GrantChange> changes = GrantController.Apply(s, standing, o, _policy.GrantVerifyLinks);
        foreach (GrantChange change in changes) _ledger.Grant(now, s.DeviceId, change);
        bool changed = oldMode != s.Mode || oldReason != s.Reason || oldScope != s.GrantedScope;

        byte[]? decision = canonicalLink || changed ? DecisionEncoder.Encode(s, s.Mode, s.Reason, s.GrantedScope, now) : null;
        DecisionMode mode = pendingCandidate ? DecisionMode.Deferred : s.Mode;
        byte reason = pendingCandidate ? Reasons.CandidateEpoch : s.Reason;
        ushort granted = pendingCandidate ? Scopes.Observe : s.GrantedScope;
        string why = pendingCandidate ? $"epoch {Hex.FromWire(s.Epoch)} stays canonical until it misses a link" : standing.Why;
        string explanation = Explain(o.Verdict, f.Epoch, f.Seq, o.Notes, mode, reason, granted, s.RequestedScope, why, s);
        var judgement = new Judgement(s.DeviceId, f.Epoch, f.Seq, o.Verdict, mode, reason, granted, forward, takeOwnership, decision, explanation)
        { Evidence = Snapshot(s, why) };
        _ledger.Decision(now, judgement, decision != null);
        Commit(records, slot, saveState: true);
        slot.Explanation = explanation;
        slot.RecordDepth(s.ContinuityDepth);
        return judgement;
    }

    /// <summary>Re-judges a device's standing without a frame (timer, operator, witness report). Returns a judgement
    /// with the Decision to publish when the standing changed or <paramref name="force"/> is set, else null.
    /// <paramref name="recordCause"/> writes the records of what caused it (an operator action, an incident) into the
    /// same commit as the decision and the state: an acknowledged operator action is never missing from the state.</summary>
    private Judgement? Reassess(DeviceSlot slot, long now, string cause, bool force, bool stateChanged, Action? recordCause = null)
    {
        DeviceState s = slot.State;
        using LedgerRecorder.Batch records = _ledger.BeginBatch();
        recordCause?.Invoke();
        (DecisionMode oldMode, byte oldReason, ushort oldScope) = (s.Mode, s.Reason, s.GrantedScope);
        AdmissionResult standing = Standing(s, now);
        List<GrantChange> changes = GrantController.Apply(s, standing, null, _policy.GrantVerifyLinks);
        foreach (GrantChange change in changes) _ledger.Grant(now, s.DeviceId, change);
        bool changed = oldMode != s.Mode || oldReason != s.Reason || oldScope != s.GrantedScope;
        if (!changed && !force)
        {
            Commit(records, slot, saveState: stateChanged);
            return null;
        }
        string explanation = Explain(Verdict.Reassessed, s.Epoch, s.LastSeq, [cause], s.Mode, s.Reason, s.GrantedScope, s.RequestedScope, standing.Why, s);
        var judgement = new Judgement(s.DeviceId, s.Epoch, s.LastSeq, Verdict.Reassessed, s.Mode, s.Reason, s.GrantedScope, false, false,
            DecisionEncoder.Encode(s, s.Mode, s.Reason, s.GrantedScope, now), explanation)
        { Evidence = Snapshot(s, standing.Why) };
        _ledger.Decision(now, judgement, true);
        Commit(records, slot, saveState: changed || stateChanged);
        slot.Explanation = explanation;
        return judgement;
    }

    private EvidenceSnapshot Snapshot(DeviceState s, string standing) => new(
        _policy.ZoneOf(s.DeviceId),
        s.ContinuityDepth,
        s.LinksInEpoch,
        Math.Max(0, s.LastAcceptedMs - s.EpochStartMs) / 1000,
        s.GapsInEpoch,
        s.IntervalMs > 0 ? Math.Round(s.IntervalMs, 1) : null,
        SkewOf(s),
        s.WitnessAgreements,
        s.WitnessDisagreements,
        s.Conflicts,
        s.AlteredFrames,
        s.RequestedScope,
        standing)
    { Certificate = CertificateStatusNames.Of(_certificates.Of(s.DeviceId)?.Recorded ?? CertificateStatus.None) };

    private double? SkewOf(DeviceState s) => ClockSkew.SkewPpm(s, _policy.Evidence.SkewMinSpanSeconds) is double ppm ? Math.Round(ppm, 1) : null;

    /// <summary>One line: what the frame was, what it showed, the standing, and the evidence behind it. Digests
    /// and counts only: a reveal never appears here (DESIGN.md "Disclosure").</summary>
    private string Explain(Verdict verdict, ulong epoch, uint seq, IEnumerable<string> notes, DecisionMode mode, byte reason,
                           ushort granted, ushort requested, string why, DeviceState s)
    {
        string facts = string.Join("; ", notes);
        double? skew = SkewOf(s);
        return $"{LedgerRecorder.VerdictName(verdict)} {Hex.FromWire(epoch)}:{seq}{(facts.Length > 0 ? ": " + facts : "")}"
             + $" -> {mode}/{ReasonNames.Of(reason)}, granted 0x{granted:x2} of requested 0x{requested:x2} ({why};"
             + $" depth {s.ContinuityDepth}, {Math.Max(0, s.LastAcceptedMs - s.EpochStartMs) / 1000} s, {s.GapsInEpoch} time gaps,"
             + $" skew {(skew is double ppm ? $"{ppm:0.#} ppm" : "n/a")}, {s.WitnessAgreements} witness agreements)";
    }

    /// <summary>Makes the judgement's records, and the device's state when asked, durable: one commit where the
    /// ledger keeps the store (IJointCommit), else records then state. A stale state write (another writer got
    /// there first) throws, and on a joint commit it wrote none of the records either.</summary>
    private void Commit(LedgerRecorder.Batch records, DeviceSlot slot, bool saveState)
    {
        StateWrite? write = saveState && _store != null
            ? new StateWrite(slot.State.DeviceId, DeviceStateCodec.Encode(slot.State), slot.Version)
            : null;
        if (!records.Commit(write))
            throw new InvalidOperationException($"device {Hex.FromWire(slot.State.DeviceId)}: the state store holds a newer version (another writer)");
        if (write != null) slot.Version++;
    }

    private void LoadStates()
    {
        if (_store == null) return;
        foreach (ulong id in _store.DeviceIds())
        {
            if (_store.TryLoad(id, out byte[] bytes, out long version) && DeviceStateCodec.TryDecode(bytes, out DeviceState state))
            {
                _slots[id] = new DeviceSlot(state, version);
            }
        }
    }
}
