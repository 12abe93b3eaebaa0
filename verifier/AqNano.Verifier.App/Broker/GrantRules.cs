using AqNano.Protocol;

namespace AqNano.Verifier.App.Broker;

/// <summary>The broker's side of DESIGN.md "The verifier's rules" and "Actuation": who may publish,
/// subscribe and receive what, given ownership and the verifier's granted scope right now. Pure
/// decisions, no MQTT types, so that every rule is tested alone and the grant is re-read on every
/// packet (a revocation takes effect at once on live connections).</summary>
public sealed class GrantRules(OwnershipTable owners, Func<ulong, ushort> grantedScope)
{
    public OwnershipTable Owners { get; } = owners;

    /// <summary>Whether an obs frame, already judged, is forwarded; moves ownership when the verifier says so.</summary>
    public Refusal ForwardObservation(BrokerConnection connection, ulong deviceId, Judgement judgement)
    {
        bool wasOwner = Owners.IsOwner(deviceId, connection);
        if (judgement.TakeOwnership) Owners.Take(deviceId, connection);
        if (!judgement.Forward) return Refusal.VerifierRefused;
        if (wasOwner || judgement.TakeOwnership) return Refusal.None;
        // A non-owner's frame is forwarded only as evidence: a conflict or the fork it opens.
        return judgement.Verdict is Verdict.Conflict or Verdict.Fork ? Refusal.None : Refusal.NotOwner;
    }

    /// <summary>Publishes other than obs frames (those go through the verifier first).</summary>
    public Refusal CheckPublish(BrokerConnection connection, string topic, bool retain)
    {
        switch (Topics.Classify(topic, out ulong deviceId))
        {
            case TopicKind.Decision:
                return Refusal.DecisionPublishForbidden;
            case TopicKind.Application:
                if (!AppChannel.TryRead(topic, out ushort scope, out bool uplink)) return Refusal.UnknownAppChannel;
                if (retain) return Refusal.RetainForbidden;
                if (uplink)
                {
                    return connection.Role == ConnectionRole.Device && Owners.IsOwner(deviceId, connection)
                        && Scopes.Has(grantedScope(deviceId), scope) ? Refusal.None : Refusal.OutsideGrant;
                }
                return connection.Role == ConnectionRole.Controller ? Refusal.None : Refusal.OutsideGrant;
            case TopicKind.Observation:
                return Refusal.None;
            default:
                return IsUnderAq(topic) ? Refusal.UnknownTopic : Refusal.None;
        }
    }

    public Refusal CheckSubscribe(BrokerConnection connection, string filter)
    {
        if (TopicFilterReach.CanReachObservations(filter)) return Refusal.ObservationSubscribeForbidden;
        if (connection.Role == ConnectionRole.Controller) return Refusal.None;
        if (TopicFilterReach.CanReachApplication(filter, out ulong? onlyDevice))
        {
            // A device reads only its own app topics, and only while it owns them.
            return onlyDevice is ulong id && Owners.IsOwner(id, connection) ? Refusal.None : Refusal.ForeignAppTopic;
        }
        return Refusal.None;
    }

    /// <summary>Checked per message and receiver at enqueue time, so that a subscription made under
    /// an earlier grant or ownership delivers nothing once either is gone.</summary>
    public Refusal CheckDelivery(BrokerConnection receiver, string topic)
    {
        switch (Topics.Classify(topic, out ulong deviceId))
        {
            case TopicKind.Observation:
                return Refusal.ObservationSubscribeForbidden;
            case TopicKind.Application:
                if (receiver.Role == ConnectionRole.Controller) return Refusal.None;
                if (!Owners.IsOwner(deviceId, receiver)) return Refusal.ForeignAppTopic;
                if (!AppChannel.TryRead(topic, out ushort scope, out _)) return Refusal.UnknownAppChannel;
                return Scopes.Has(grantedScope(deviceId), scope) ? Refusal.None : Refusal.OutsideGrant;
            default:
                return Refusal.None;
        }
    }

    private static bool IsUnderAq(string topic) => topic == "aq" || topic.StartsWith("aq/", StringComparison.Ordinal);
}
