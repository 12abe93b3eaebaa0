using System.Collections.Concurrent;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>A test-side stand-in for the verifier core: just enough of DESIGN.md "The verifier's
/// rules" (genesis, next link, duplicate, conflict, broken) to drive the broker's enforcement, with
/// a grant the test sets. It records every InboundFrame so that tests can see what the broker passed.</summary>
public sealed class FakeVerifier : IVerifier, IFleetView
{
    private readonly object _gate = new();
    private readonly ChainMath _math = new(new HostHmacSha256());
    private readonly Dictionary<ulong, DeviceState> _devices = new();

    public ConcurrentQueue<InboundFrame> Received { get; } = new();

    /// <summary>Where the fake records frames and operator actions, as the real core does (DESIGN.md "Lineage").</summary>
    public Lineage.ILedger Ledger { get; } = new Lineage.InMemoryLedger();

    public ConcurrentQueue<Judgement> Judgements { get; } = new();

    /// <summary>What a device is granted when admitted: its requested scope within this mask.</summary>
    public ushort GrantableScope { get; set; } = Scopes.All;

    public event Action<Judgement>? Judged;

    /// <summary>When set, the next Judge fails as a full ledger does, changing nothing.</summary>
    public bool FailNextAppend { get; set; }

    public Judgement Judge(InboundFrame inbound)
    {
        if (FailNextAppend)
        {
            FailNextAppend = false;
            throw new Lineage.LedgerFullException("test: ledger full");
        }
        Received.Enqueue(inbound);
        byte[] bytes = inbound.Payload.ToArray();
        if (bytes.Length >= 12)
        {
            // Records the raw frame (its reveal included) so that the dashboard tests can prove it never leaves.
            Ledger.Append(inbound.ReceivedUnixMs, "frame", BitConverter.ToUInt64(bytes, 4), bytes,
                $"{{\"connection\":\"{inbound.Connection}\",\"reveal\":\"{Convert.ToHexStringLower(bytes.AsSpan(bytes.Length - 96, 32))}\"}}");
        }
        var frame = new Frame();
        lock (_gate)
        {
            if (!FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out var rejection)
                || Topics.Classify(inbound.Topic, out ulong topicId) != TopicKind.Observation || topicId != frame.DeviceId)
            {
                return Emit(new Judgement(frame.DeviceId, 0, 0, Verdict.Malformed, DecisionMode.Refused, 0, Scopes.Observe, false, false, null, $"malformed: {rejection}"));
            }
            _devices.TryGetValue(frame.DeviceId, out DeviceState? device);
            if (frame.Kind == FrameKind.Genesis && device == null)
            {
                device = new DeviceState { Id = frame.DeviceId, Epoch = frame.Epoch, Granted = (ushort)((frame.RequestedScope & GrantableScope) | Scopes.Observe), Mode = DecisionMode.AdmitRestricted };
                _devices[frame.DeviceId] = device;
                Accept(device, frame, bytes);
                return Emit(Decide(device, Verdict.Genesis, true, true, "new device"));
            }
            if (device == null) return Emit(Refuse(frame, Verdict.Broken, "unknown device"));
            if (device.Accepted.TryGetValue(frame.Seq, out var accepted))
            {
                if (accepted.Bytes.AsSpan().SequenceEqual(bytes)) return Emit(Decide(device, Verdict.Duplicate, true, false, "duplicate", publish: false));
                if (frame.Seq > 0 && frame.Reveal.AsSpan().SequenceEqual(accepted.Reveal))
                {
                    device.Mode = inbound.Path == PathMode.Confidential ? DecisionMode.Refused : DecisionMode.AdmitMonitored;
                    device.Reason = inbound.Path == PathMode.Confidential ? Reasons.CloneEvidence : Reasons.OpenPathConflict;
                    device.Granted = inbound.Path == PathMode.Confidential ? Scopes.Observe : (ushort)(device.Granted & (Scopes.Observe | Scopes.Telemetry));
                    return Emit(Decide(device, Verdict.Conflict, true, false, "conflict: second frame for an accepted seq"));
                }
            }
            if (frame.Epoch == device.Epoch && frame.Seq == device.LastSeq + 1 && _math.Opens(frame.Reveal, 0, device.Commitment, 0))
            {
                Accept(device, frame, bytes);
                if (device.Mode == DecisionMode.AdmitRestricted && device.LastSeq >= 3) device.Mode = DecisionMode.AdmitFull;
                return Emit(Decide(device, Verdict.Next, true, true, "next link"));
            }
            return Emit(Refuse(frame, Verdict.Broken, "reveal opens nothing kept"));
        }
    }

    public ushort GrantedScope(ulong deviceId)
    {
        lock (_gate) return _devices.TryGetValue(deviceId, out var d) ? d.Granted : Scopes.Observe;
    }

    public Judgement? Revoke(ulong deviceId, string operatorName, string reason)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out DeviceState? device)) return null;
            device.Granted = Scopes.Observe;
            device.Mode = DecisionMode.Refused;
            device.Reason = Reasons.OperatorRevoked;
            Ledger.Append(0, "operator", deviceId, [], $"{{\"action\":\"revoke\",\"operator\":\"{operatorName}\"}}");
            return Emit(Decide(device, Verdict.Next, false, false, $"revoked by {operatorName}: {reason}"));
        }
    }

    public Judgement? Reinstate(ulong deviceId, string operatorName, string reason)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out DeviceState? device)) return null;
            device.Granted = Scopes.All;
            device.Mode = DecisionMode.AdmitFull;
            device.Reason = Reasons.None;
            return Emit(Decide(device, Verdict.Next, false, false, $"reinstated by {operatorName}: {reason}"));
        }
    }

    public IReadOnlyList<Judgement> Tick() => [];

    public IReadOnlyList<DeviceView> Devices()
    {
        lock (_gate) return _devices.Values.Select(View).ToList();
    }

    public DeviceView? Device(ulong deviceId)
    {
        lock (_gate) return _devices.TryGetValue(deviceId, out var d) ? View(d) : null;
    }

    private Judgement Emit(Judgement judgement)
    {
        Judgements.Enqueue(judgement);
        Judged?.Invoke(judgement);
        return judgement;
    }

    private void Accept(DeviceState device, Frame frame, byte[] bytes)
    {
        device.LastSeq = frame.Seq;
        Array.Copy(frame.Commit, device.Commitment, 32);
        var digest = new byte[32];
        _math.FrameDigest(bytes, 0, bytes.Length - 32, digest, 0);
        device.Accepted[frame.Seq] = ((byte[])frame.Reveal.Clone(), bytes, digest);
        device.LastSeenUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    private static Judgement Refuse(Frame frame, Verdict verdict, string why) =>
        new(frame.DeviceId, frame.Epoch, frame.Seq, verdict, DecisionMode.Refused, 0, Scopes.Observe, false, false, null, why);

    private static Judgement Decide(DeviceState device, Verdict verdict, bool forward, bool owner, string why, bool publish = true)
    {
        var decision = new Frame { Kind = FrameKind.Decision, DeviceId = device.Id, Epoch = device.Epoch, Seq = device.LastSeq, Mode = device.Mode, Reason = device.Reason, GrantedScope = device.Granted };
        Array.Copy(device.Accepted[device.LastSeq].Digest, decision.AckFrameDigest, 32);
        var bytes = new byte[FrameLayout.DecisionSize];
        FrameCodec.Write(decision, bytes, 0);
        return new Judgement(device.Id, device.Epoch, device.LastSeq, verdict, device.Mode, device.Reason, device.Granted, forward, owner, publish ? bytes : null, why);
    }

    private static DeviceView View(DeviceState d) => new(d.Id, "lab", d.Mode, d.Reason, d.Granted, Scopes.All, d.Epoch, d.LastSeq,
        (int)d.LastSeq, [1, 2, 3], null, d.LastSeenUnixMs, 0, Hex.FromBytes(d.Accepted[d.LastSeq].Digest, 0, 32), PathMode.Open,
        $"{d.Mode} after {d.LastSeq} links", 0);

    private sealed class DeviceState
    {
        public ulong Id;
        public ulong Epoch;
        public uint LastSeq;
        public byte[] Commitment = new byte[32];
        public ushort Granted;
        public DecisionMode Mode;
        public byte Reason;
        public long LastSeenUnixMs;
        public Dictionary<uint, (byte[] Reveal, byte[] Bytes, byte[] Digest)> Accepted = new();
    }
}
