using System.Collections.Concurrent;
using System.Security.Cryptography;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier;

/// <summary>The verifier core (issue 5): judges every obs frame against the device's canonical chain in the
/// order docs/VERIFIER.md fixes, weighs the evidence, decides admission, actuates grants and writes every
/// step to the ledger before returning. Per-device locks; the same frames and clock give the same judgements.</summary>
public sealed partial class FleetVerifier : IVerifier, IFleetView
{
    private readonly ConcurrentDictionary<ulong, DeviceSlot> _slots = new();
    private readonly object _createGate = new();
    private readonly LedgerRecorder _ledger;
    private readonly IDeviceStateStore? _store;
    private readonly TimeProvider _clock;
    /// <summary>Where new identities are counted: this verifier's memory unless set (several workers share one in
    /// PostgreSQL, BackendFactory).</summary>
    public IIdentityRate NewIdentities { get; init; } = new IdentityRate();
    private readonly ConcurrentQueue<Judgement> _pending = new();
    private VerifierPolicy _policy;
    private RefusalBudget _refusals;
    private ThreadLocal<JudgeWorker> _workers;

    public event Action<Judgement>? Judged;

    /// <param name="store">Persists each device's state after every judgement; null keeps state in memory only. When
    /// <paramref name="ledger"/> keeps this very store (<see cref="IJointCommit"/>), each judgement's records and state
    /// are one commit; else the state is saved in a commit of its own after the records.</param>
    public FleetVerifier(VerifierPolicy policy, ILedger ledger, TimeProvider clock, IDeviceStateStore? store = null, string policySource = "defaults")
        : this(policy, ledger, clock, store, policySource, loadStates: true)
    {
    }

    /// <param name="loadStates">False for a worker's verifier, which loads only the partitions it takes.</param>
    private FleetVerifier(VerifierPolicy policy, ILedger ledger, TimeProvider clock, IDeviceStateStore? store, string policySource, bool loadStates)
    {
        _policy = policy;
        _ledger = new LedgerRecorder(ledger, store);
        _store = store;
        _clock = clock;
        _refusals = new RefusalBudget(policy.RefusalBudgetPerSource);
        _workers = new ThreadLocal<JudgeWorker>(() => new JudgeWorker(_policy));
        if (loadStates) LoadStates();
        _ledger.Policy(NowMs(), PolicyLoader.Sha256Hex(policy), policySource);
    }

    public VerifierPolicy Policy => _policy;

    /// <summary>A policy change takes effect for the next frame and is recorded in the ledger.</summary>
    public void ApplyPolicy(VerifierPolicy policy, string source)
    {
        _policy = policy;
        _refusals = new RefusalBudget(policy.RefusalBudgetPerSource);
        _workers = new ThreadLocal<JudgeWorker>(() => new JudgeWorker(policy));
        _ledger.Policy(NowMs(), PolicyLoader.Sha256Hex(policy), source);
    }

    public ushort GrantedScope(ulong deviceId) =>
        _slots.TryGetValue(deviceId, out DeviceSlot? slot) ? slot.State.GrantedScope : Scopes.Observe;

    public Judgement Judge(InboundFrame input)
    {
        Judgement judgement = JudgeFrame(input, out JudgeWorker? witnessFrame);
        if (witnessFrame != null) Corroborate(judgement, witnessFrame, input.ReceivedUnixMs);
        Judged?.Invoke(judgement);
        CapProxiedOf(judgement.DeviceId, input.ReceivedUnixMs);
        return judgement;
    }

    /// <param name="witnessFrame">Set when the frame was a registered witness's accepted link: its worker still holds the parsed frame.</param>
    private Judgement JudgeFrame(InboundFrame input, out JudgeWorker? witnessFrame)
    {
        witnessFrame = null;
        long now = input.ReceivedUnixMs;
        ReadOnlySpan<byte> payload = input.Payload.Span;
        if (Topics.Classify(input.Topic, out ulong topicId) != TopicKind.Observation)
            return Refuse(input, topicId, null, Verdict.Malformed, Reasons.TopicMismatch, $"'{Shorten(input.Topic)}' is not an obs topic");
        JudgeWorker w = _workers.Value!;
        FrameRejection rejection = payload.Length > w.Buffer.Length ? FrameRejection.LengthMismatch : FrameRejection.None;
        if (rejection == FrameRejection.None)
        {
            payload.CopyTo(w.Buffer);
            FrameCodec.TryParse(w.Buffer, 0, payload.Length, w.Frame, out rejection);
        }
        if (rejection != FrameRejection.None)
            return Refuse(input, topicId, null, Verdict.Malformed, Reasons.MalformedFrame, $"not a v1 frame: {rejection}");
        Frame f = w.Frame;
        if (f.DeviceId != topicId)
            return Refuse(input, topicId, f, Verdict.Malformed, Reasons.TopicMismatch, $"deviceId {Hex.FromWire(f.DeviceId)} differs from the topic's id");
        if (!f.IsChainLink)
            return Refuse(input, topicId, f, Verdict.Malformed, Reasons.NotAChainFrame, $"a {f.Kind} frame on an obs topic");
        if (f.Kind == FrameKind.Witness && !_policy.IsWitness(f.DeviceId))
            return Refuse(input, topicId, f, Verdict.Witness, Reasons.UnregisteredWitness, "witness frame from an unregistered device");

        if (!_slots.TryGetValue(f.DeviceId, out DeviceSlot? slot))
        {
            if (f.Kind != FrameKind.Genesis)
                return Refuse(input, topicId, f, Verdict.Broken, Reasons.BrokenLink, "unknown id: the reveal opens nothing kept");
            DeviceSlot? created = null;
            PendingRefusal? refused = null;
            lock (_createGate)
            {
                if (!_slots.TryGetValue(f.DeviceId, out slot)) created = CreateDevice(input, w, payload, out refused);
            }
            // Recorded outside the fleet-wide lock: Genesis frames of different devices (a fleet booting, a
            // burst) then share group commits like any other judgements instead of one fsync after another.
            if (refused != null) return RefuseNewDevice(refused, input, f);
            if (created != null) return FinishNewDevice(created, input, w, payload);
        }
        // Set here: an unknown id was created or refused above (both return), or found under the create lock.
        lock (slot!.Gate)
        {
            // Nothing acknowledged may be lost: if the ledger or the store fails, the frame was not recorded,
            // so the device's state goes back to what it was and the broker does not acknowledge (Judge throws).
            byte[] before = DeviceStateCodec.Encode(slot.State);
            Evidence.KeptCertificate certificateBefore = _certificates.Keep(slot.State.DeviceId);
            try
            {
                Judgement judgement = JudgeKnown(slot, input, w, payload);
                if (judgement.Verdict == Verdict.Witness && judgement.Forward) witnessFrame = w;
                return judgement;
            }
            catch
            {
                DeviceStateCodec.TryDecode(before, out slot.State);
                _certificates.Restore(certificateBefore);
                throw;
            }
        }
    }

    /// <summary>Under the fleet-wide create lock: admits the new id or not (allowlist, identity rate) and, if
    /// admitted, registers its slot with the slot's lock already held, so that another frame for the same id
    /// waits for this Genesis to be recorded. Returns null, with <paramref name="refused"/> set, when refused.</summary>
    private DeviceSlot? CreateDevice(InboundFrame input, JudgeWorker w, ReadOnlySpan<byte> payload, out PendingRefusal? refused)
    {
        Frame f = w.Frame;
        long now = input.ReceivedUnixMs;
        string zoneName = _policy.ZoneOf(f.DeviceId);
        ZonePolicy zone = _policy.Zone(zoneName);
        bool allowlisted = _policy.IsAllowlisted(f.DeviceId);
        refused = null;
        if (zone.AllowlistOnly && !allowlisted)
        {
            refused = new PendingRefusal(Reasons.NotAllowlisted, $"zone {zoneName} admits allowlisted ids only");
            return null;
        }
        if (!allowlisted && !NewIdentities.TryAdmit(zoneName, zone.NewIdentitiesPerHour, now))
        {
            refused = new PendingRefusal(Reasons.IdentityRateExceeded, $"zone {zoneName} reached {zone.NewIdentitiesPerHour} new identities this hour");
            return null;
        }

        var s = new DeviceState { DeviceId = f.DeviceId, Epoch = f.Epoch, EpochStartMs = now };
        var slot = new DeviceSlot(s, 0) { Pending = new ChainOutcome { Verdict = Verdict.Genesis }, LastPath = input.Path };
        ChainOutcome o = slot.Pending;
        w.Math.FrameDigest(w.Buffer, 0, payload.Length - 32, o.Digest, 0);
        LinkAcceptance.Record(s, f, o.Digest, now, input.Path, _policy.RingSize);
        s.Set(StandingFlags.FirstEpoch, true);
        s.OwnerHash = ConnectionHash(input.Connection);
        s.LastSeenMs = now;
        EpochMemory.Remember(s, f.Epoch);
        ClockSkew.Add(s, f.UptimeUs, now * 1000 - (long)f.UptimeUs);
        o.Notes.Add($"Genesis of a new device in zone {zoneName} (trust on first use)");
        Monitor.Enter(slot.Gate);
        _slots[f.DeviceId] = slot;
        return slot;
    }

    /// <summary>Records the new device's Genesis; called with the slot's lock held (taken by CreateDevice), releases it.</summary>
    private Judgement FinishNewDevice(DeviceSlot slot, InboundFrame input, JudgeWorker w, ReadOnlySpan<byte> payload)
    {
        try
        {
            ChainOutcome o = slot.Pending!;
            slot.Pending = null;
            return Finish(slot, o, input, w.Frame, payload, takeOwnership: true, forward: true);
        }
        catch
        {
            _slots.TryRemove(slot.State.DeviceId, out _); // not recorded: the device does not exist yet
            _certificates.Restore(new Evidence.KeptCertificate(slot.State.DeviceId, null, null));
            throw;
        }
        finally
        {
            Monitor.Exit(slot.Gate);
        }
    }

    private Judgement JudgeKnown(DeviceSlot slot, InboundFrame input, JudgeWorker w, ReadOnlySpan<byte> payload)
    {
        DeviceState s = slot.State;
        Frame f = w.Frame;
        long now = input.ReceivedUnixMs;
        ulong connection = ConnectionHash(input.Connection);
        bool owner = s.OwnerHash == 0 || s.OwnerHash == connection;
        ChainOutcome o = w.Rules.Judge(s, f, w.Buffer, payload.Length, now, input.Path, connection);
        if (o.RefusalReason != 0) return RefuseKnown(slot, o, input, f, payload, owner);
        if (o.Verdict == Verdict.Duplicate)
        {
            // Ignored means unchanged: a replay on an open path must not relabel the device's path
            // in the fleet view (found by the ingest fuzzer, docs/FUZZING.md).
            slot.Duplicates++;
            if (!owner) slot.DroppedFromNonOwner++;
            return new Judgement(s.DeviceId, f.Epoch, f.Seq, Verdict.Duplicate, s.Mode, s.Reason, s.GrantedScope, owner, false, null,
                $"duplicate {Hex.FromWire(f.Epoch)}:{f.Seq}: ignored{(owner ? "" : ", from a non-owner: dropped")}");
        }
        slot.LastPath = input.Path;
        s.LastSeenMs = now;
        bool take = o.Verdict is Verdict.Next or Verdict.Witness || o.Promoted;
        if (take) s.OwnerHash = connection;
        return Finish(slot, o, input, f, payload, take, forward: true);
    }

    private Judgement RefuseKnown(DeviceSlot slot, ChainOutcome o, InboundFrame input, Frame f, ReadOnlySpan<byte> payload, bool owner)
    {
        DeviceState s = slot.State;
        slot.Refusals++;
        string notes = string.Join("; ", o.Notes);
        if (o.Verdict == Verdict.Gap && f.Epoch == s.Epoch)
        {
            // DESIGN.md "gap": the mode is unchanged and the Decision acknowledges the last accepted seq. Only for
            // the owner: refusals of other senders' frames are not published (a device that reconnected reads the
            // retained Decision, which already acks that seq). And one such resend request per interval: each Decision
            // makes the device resend every frame it keeps, so one per gap frame multiplied a chain the verifier cannot
            // follow (after an open-path MITM) into thousands of resends (tests/AqNano.EndToEnd.Tests).
            long now = input.ReceivedUnixMs;
            bool asked = slot.LastGapDecisionMs >= 0 && now - slot.LastGapDecisionMs < _workers.Value!.Rules.Candidates.Interval(s);
            bool publish = owner && !asked;
            string explanation = $"gap {Hex.FromWire(f.Epoch)}:{f.Seq}: {notes}; mode stays {s.Mode}, "
                               + (!owner ? "from a non-owner: no Decision" : asked ? $"resend from seq {s.LastSeq + 1} already asked for" : $"Decision acks seq {s.LastSeq}");
            RecordRefusal(input, f.DeviceId, f, payload, Verdict.Gap, Reasons.Gap, explanation);
            byte[]? decision = publish ? DecisionEncoder.Encode(s, s.Mode, Reasons.Gap, s.GrantedScope, now) : null;
            if (publish) slot.LastGapDecisionMs = now;
            return new Judgement(s.DeviceId, f.Epoch, f.Seq, Verdict.Gap, s.Mode, Reasons.Gap, s.GrantedScope, false, false, decision, explanation)
            { Evidence = Snapshot(s, "gap") };
        }
        return Refuse(input, f.DeviceId, f, o.Verdict, o.RefusalReason, notes, s.GrantedScope);
    }

    private Judgement Refuse(InboundFrame input, ulong deviceId, Frame? f, Verdict verdict, byte reason, string why, ushort? granted = null)
    {
        ulong epoch = f?.Epoch ?? 0;
        uint seq = f?.Seq ?? 0;
        string explanation = $"{LedgerRecorder.VerdictName(verdict)} {Hex.FromWire(epoch)}:{seq} refused ({ReasonNames.Of(reason)}): {why}";
        RecordRefusal(input, deviceId, f, input.Payload.Span, verdict, reason, explanation);
        return new Judgement(deviceId, epoch, seq, verdict, DecisionMode.Refused, reason, granted ?? GrantedScope(deviceId), false, false, null, explanation);
    }

    private Judgement RefuseNewDevice(PendingRefusal refused, InboundFrame input, Frame f) =>
        Refuse(input, f.DeviceId, f, Verdict.Genesis, refused.Reason, refused.Why);

    private sealed record PendingRefusal(byte Reason, string Why);

    private void RecordRefusal(InboundFrame input, ulong deviceId, Frame? f, ReadOnlySpan<byte> payload, Verdict verdict, byte reason, string explanation)
    {
        long now = input.ReceivedUnixMs;
        if (_refusals.TryRecord(input.Connection, out long suppressed, out bool writeCount))
        {
            _ledger.Refusal(now, deviceId, payload, verdict, reason, f?.Epoch ?? 0, f?.Seq ?? 0, input.Connection, input.Path, explanation);
        }
        else if (writeCount)
        {
            _ledger.RefusalCount(now, input.Connection, suppressed);
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    // Connection labels repeat for every frame of a connection: hash each once (bounded, cleared when full).
    private static readonly ConcurrentDictionary<string, ulong> ConnectionHashes = new();

    private static ulong ConnectionHash(string connection)
    {
        connection ??= "";
        if (ConnectionHashes.TryGetValue(connection, out ulong known)) return known;
        if (ConnectionHashes.Count >= 65_536) ConnectionHashes.Clear();
        return ConnectionHashes[connection] = HashLabel(connection);
    }

    private static ulong HashLabel(string connection)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connection), hash);
        ulong value = BitConverter.ToUInt64(hash);
        return value == 0 ? 1 : value;
    }

    private static string Shorten(string? text) => text == null ? "" : text.Length <= 80 ? text : text[..80] + "...";
}
