using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier;

namespace AqNano.Fuzz.Tests.Fakes;

/// <summary>A stand-in verifier for testing the ingest harness itself: it accepts whatever parses on its
/// own obs topic as the next link and records it; with <see cref="WritesOnRefusal"/> it also (wrongly)
/// writes state when it refuses, which the harness must catch.</summary>
internal sealed class RecordingVerifier(DictionaryStateStore store) : IVerifier, IFleetView
{
    private readonly Frame frame = new();

    public bool WritesOnRefusal { get; init; }

    public event Action<Judgement>? Judged;

    public Judgement Judge(InboundFrame inbound)
    {
        byte[] payload = inbound.Payload.ToArray();
        bool parsed = FrameCodec.TryParse(payload, 0, payload.Length, frame, out _);
        bool onOwnTopic = parsed && Topics.Classify(inbound.Topic, out ulong topicId) == TopicKind.Observation && topicId == frame.DeviceId;
        ulong id = parsed ? frame.DeviceId : 0;
        store.TryLoad(id, out _, out long version);
        if (onOwnTopic || WritesOnRefusal) store.TrySave(id, payload, version);
        var judgement = new Judgement(id, frame.Epoch, frame.Seq, onOwnTopic ? (frame.Seq == 0 ? Verdict.Genesis : Verdict.Next) : Verdict.Malformed,
            DecisionMode.AdmitRestricted, onOwnTopic ? Reasons.None : Reasons.TopicMismatch, Scopes.Observe, onOwnTopic, onOwnTopic, null, "fake");
        Judged?.Invoke(judgement);
        return judgement;
    }

    public ushort GrantedScope(ulong deviceId) => Scopes.Observe;

    public Judgement? Revoke(ulong deviceId, string operatorName, string reason) => null;

    public Judgement? Reinstate(ulong deviceId, string operatorName, string reason) => null;

    public IReadOnlyList<Judgement> Tick() => [];

    public IReadOnlyList<DeviceView> Devices() => [];

    public DeviceView? Device(ulong deviceId) => null;
}
