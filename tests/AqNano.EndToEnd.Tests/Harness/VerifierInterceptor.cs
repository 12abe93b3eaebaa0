using AqNano.Protocol;
using AqNano.Simulator.Network;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>The verifier sitting in the in-memory broker's publish path, as the embedded broker will
/// (DESIGN.md "Ownership (embedded broker)"): every obs publish is judged inline before anyone sees it;
/// Judgement.Forward decides deliver vs drop; a Decision goes out retained on the device's decision topic.
/// Decision topics are the verifier's alone; app traffic passes only from the owning connection within
/// the granted scope.</summary>
public sealed class VerifierInterceptor(InMemoryBroker broker, IVerifier verifier) : IPublishInterceptor
{
    private readonly Dictionary<ulong, string> _owners = new();
    private long _judged;

    /// <summary>Raised after each obs publish is judged (before the broker routes it).</summary>
    public event Action<JudgedPublish>? Judged;

    /// <summary>Raised for every Decision published retained (frame-driven or timer-driven).</summary>
    public event Action<ulong, byte[]>? DecisionPublished;

    public long DecisionPublishesRefused { get; private set; }
    public long ApplicationForwarded { get; private set; }
    public long ApplicationRefused { get; private set; }

    public PublishDecision Intercept(InterceptedPublish publish)
    {
        switch (Topics.Classify(publish.Topic, out ulong deviceId))
        {
            case TopicKind.Observation:
                return JudgeObservation(publish);
            case TopicKind.Decision:
                // DESIGN.md "Topics": only the verifier publishes on decision topics.
                DecisionPublishesRefused++;
                return PublishDecision.Refuse;
            case TopicKind.Application:
                bool owner = _owners.TryGetValue(deviceId, out string? label) && label == publish.ConnectionLabel;
                if (owner && Scopes.Has(verifier.GrantedScope(deviceId), Scopes.Telemetry))
                {
                    ApplicationForwarded++;
                    return PublishDecision.Forward;
                }
                ApplicationRefused++;
                return PublishDecision.Refuse;
            default:
                return publish.Topic.StartsWith("aq/", StringComparison.Ordinal) ? PublishDecision.Refuse : PublishDecision.Forward;
        }
    }

    /// <summary>Runs the verifier's time-driven rules (missed links, promotion, keep periods) and publishes
    /// the Decisions of every standing they changed.</summary>
    public int Tick()
    {
        IReadOnlyList<Judgement> changed = verifier.Tick();
        foreach (Judgement judgement in changed) Announce(judgement);
        return changed.Count;
    }

    private PublishDecision JudgeObservation(InterceptedPublish publish)
    {
        PathMode path = publish.Path == LinkPath.Confidential ? PathMode.Confidential : PathMode.Open;
        Judgement judgement = verifier.Judge(new InboundFrame(publish.Topic, publish.Payload, publish.ReceivedUnixMs, publish.ConnectionLabel, path));
        if (judgement.TakeOwnership) _owners[judgement.DeviceId] = publish.ConnectionLabel;
        Announce(judgement);
        Judged?.Invoke(new JudgedPublish(_judged++, publish, judgement));
        return judgement.Forward ? PublishDecision.Forward : PublishDecision.Refuse;
    }

    private void Announce(Judgement judgement)
    {
        if (judgement.DecisionFrame == null) return;
        broker.PublishAsServer(Topics.Decision(judgement.DeviceId), judgement.DecisionFrame, retain: true);
        DecisionPublished?.Invoke(judgement.DeviceId, judgement.DecisionFrame);
    }
}
