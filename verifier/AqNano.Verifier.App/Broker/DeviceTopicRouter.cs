using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using AqNano.Protocol;
using AqNano.Verifier.App.Metrics;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AqNano.Verifier.App.Broker;

/// <summary>Delivers the aq/v1/dev/{id}/... traffic (Decisions, app topics) of the embedded broker itself,
/// and keeps each device's last Decision as its retained message (DESIGN.md "Topics": the decision topic is
/// retained).
///
/// Why not MQTTnet's own dispatch: MQTTnet 5.2 matches every publish against every subscribing session
/// (a list copy and, per session, a lock and a list), stores a retained publish by copying every retained
/// message, and answers each SUBSCRIBE by copying and matching every retained message under one lock. With
/// a Decision retained per board, all three grow with the fleet: at 10,000 boards they held the fleet to
/// about 95 of its 1,000 frames/s (docs/PERFORMANCE.md "Fleet load", run L). Here a device's message meets
/// only the sessions whose filters name that device, plus the few wide ones (a controller's
/// aq/v1/dev/+/decision), and a SUBSCRIBE reads only the Decisions its filter can reach.
///
/// Every delivery passes <see cref="GrantRules.CheckDelivery"/> exactly as MQTTnet's enqueue interceptor did,
/// and topics outside aq/v1/dev/ are left to MQTTnet. Kept from MQTT: QoS downgrade, no-local, retain handling
/// and retain-as-published; not carried: MQTT 5 subscription identifiers (MQTTnet keeps them per SUBSCRIBE
/// packet, which the interceptor does not see).</summary>
public sealed class DeviceTopicRouter(ConnectionRegistry connections, GrantRules rules, AppMetrics metrics)
{
    // Per-device order: a Decision stored as the retained one and a SUBSCRIBE's read of it are serialized per
    // device, so that a board never receives an older Decision after a newer one.
    private readonly object[] _stripes = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();
    private readonly object _indexGate = new();
    private readonly ConcurrentDictionary<ulong, RoutedSession[]> _byDevice = new();
    private RoutedSession[] _wide = [];
    private readonly ConcurrentDictionary<string, RoutedSession> _byClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, byte[]> _lastDecisions = new();

    /// <summary>Sessions the router knows, one per client id at most (a replaced or ended session is forgotten).</summary>
    public int Sessions => _byClientId.Count;

    /// <summary>An accepted subscription (after <see cref="GrantRules.CheckSubscribe"/>): filed, and the retained
    /// Decisions it can reach are sent (MQTT 3.1.1 3.3.1.3; the server may send them before the SUBACK, 3.8.4).</summary>
    public void Subscribed(string clientId, IDictionary items, MqttSessionStatus handle, MqttTopicFilter filter)
    {
        var reach = DeviceTopicFilter.Classify(filter.Topic, out ulong deviceId);
        if (reach == DeviceTopicFilter.Reach.None) return;
        var session = RoutedSession.Attach(clientId, items, handle);
        if (_byClientId.TryGetValue(clientId, out var previous) && !ReferenceEquals(previous, session)) Forget(previous);
        _byClientId[clientId] = session;
        bool isNew = session.Add(filter);
        Refile(session);
        if (filter.RetainHandling == MqttRetainHandling.DoNotSendOnSubscribe) return;
        if (filter.RetainHandling == MqttRetainHandling.SendAtSubscribeIfNewSubscriptionOnly && !isNew) return;
        if (reach == DeviceTopicFilter.Reach.OneDevice)
        {
            SendRetained(session, filter, deviceId);
            return;
        }
        foreach (var id in _lastDecisions.Keys) SendRetained(session, filter, id);
    }

    public void Unsubscribed(IDictionary? items, string filter)
    {
        var session = RoutedSession.From(items);
        if (session != null && session.Remove(filter)) Refile(session);
    }

    /// <summary>A CONNECT that starts a new session under a client id drops the replaced session's filing:
    /// MQTTnet disposes a session replaced by a clean start without a SessionDeleted event.</summary>
    public void Connected(string clientId, IDictionary items)
    {
        if (_byClientId.TryGetValue(clientId, out var previous) && !ReferenceEquals(previous.Items, items)) Forget(previous);
    }

    public void SessionDeleted(IDictionary? items)
    {
        if (RoutedSession.From(items) is { } session) Forget(session);
    }

    /// <summary>Stores the device's Decision as its retained one and delivers it to the current subscribers.</summary>
    public int PublishDecision(ulong deviceId, byte[] frame, string senderClientId)
    {
        lock (Stripe(deviceId))
        {
            _lastDecisions[deviceId] = frame;
            return Deliver(deviceId, DecisionMessage(deviceId, frame), senderClientId);
        }
    }

    /// <summary>A Decision as published: QoS 1 and retained (DESIGN.md "Topics"), the flag a retain-as-published
    /// subscriber is shown.</summary>
    private static MqttApplicationMessage DecisionMessage(ulong deviceId, byte[] frame) => new()
    {
        Topic = Topics.Decision(deviceId),
        Payload = new ReadOnlySequence<byte>(frame),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        Retain = true,
    };

    /// <summary>An app-topic publish already allowed by <see cref="GrantRules.CheckPublish"/>: delivered to the
    /// subscribers whose filters match it. Returns how many sessions it was queued for.</summary>
    public int PublishApplication(ulong deviceId, MqttApplicationMessage message, string senderClientId)
    {
        var copy = new MqttApplicationMessage
        {
            Topic = message.Topic,
            // The publisher's buffer is MQTTnet's to reuse once the PUBLISH is handled.
            Payload = new ReadOnlySequence<byte>(message.Payload.ToArray()),
            QualityOfServiceLevel = message.QualityOfServiceLevel,
            ContentType = message.ContentType,
            UserProperties = message.UserProperties,
        };
        return Deliver(deviceId, copy, senderClientId);
    }

    private int Deliver(ulong deviceId, MqttApplicationMessage message, string senderClientId)
    {
        int queued = 0;
        if (_byDevice.TryGetValue(deviceId, out var own))
        {
            foreach (var session in own) queued += Offer(session, message, senderClientId, null, retained: false) ? 1 : 0;
        }
        foreach (var session in Volatile.Read(ref _wide)) queued += Offer(session, message, senderClientId, null, retained: false) ? 1 : 0;
        return queued;
    }

    private void SendRetained(RoutedSession session, MqttTopicFilter filter, ulong deviceId)
    {
        lock (Stripe(deviceId))
        {
            if (_lastDecisions.TryGetValue(deviceId, out var frame)) Offer(session, DecisionMessage(deviceId, frame), senderClientId: "", filter, retained: true);
        }
    }

    /// <summary>Queues one copy on the session at the highest QoS its matching filters granted (MQTT 3.1.1 3.3.5),
    /// if the receiver may have it now (ownership and grant are re-read per delivery).</summary>
    private bool Offer(RoutedSession session, MqttApplicationMessage message, string senderClientId, MqttTopicFilter? only, bool retained)
    {
        metrics.RouterSessionChecked();
        int granted = -1;
        bool retainAsPublished = false;
        foreach (var filter in only != null ? [only] : session.Filters())
        {
            int qos = GrantedFor(filter, message.Topic, senderClientId, session.ClientId);
            if (qos < 0) continue;
            granted = Math.Max(granted, qos);
            retainAsPublished |= filter.RetainAsPublished;
        }
        if (granted < 0) return false;
        var receiver = connections.ByClientId(session.ClientId);
        var refusal = receiver == null ? Refusal.NotOwner : rules.CheckDelivery(receiver, message.Topic);
        if (refusal != Refusal.None)
        {
            metrics.Refused(refusal);
            return false;
        }
        var copy = new MqttApplicationMessage
        {
            Topic = message.Topic,
            Payload = message.Payload,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)Math.Min(granted, (int)message.QualityOfServiceLevel),
            ContentType = message.ContentType,
            UserProperties = message.UserProperties,
            // Set on a retained message sent because of a new subscription (MQTT 3.1.1 3.3.1.3), and on a live one
            // published retained only for an MQTT 5 retain-as-published subscription (MQTT 5.0 3.3.1.3).
            Retain = retained || (retainAsPublished && message.Retain),
        };
        try
        {
            return session.Handle.TryEnqueueApplicationMessage(copy, out _);
        }
        catch (ObjectDisposedException)
        {
            // The session ended between the lookup and the enqueue.
            Forget(session);
            return false;
        }
    }

    private static int GrantedFor(MqttTopicFilter filter, string topic, string senderClientId, string receiverClientId)
    {
        if (filter.NoLocal && string.Equals(senderClientId, receiverClientId, StringComparison.Ordinal)) return -1;
        return MqttTopicFilterComparer.Compare(topic, filter.Topic) == MqttTopicFilterCompareResult.IsMatch ? (int)filter.QualityOfServiceLevel : -1;
    }

    /// <summary>Files the session under exactly the devices its filters name, and as wide if one names any device.</summary>
    private void Refile(RoutedSession session)
    {
        var devices = new HashSet<ulong>();
        bool wide = false;
        foreach (var filter in session.Filters())
        {
            var reach = DeviceTopicFilter.Classify(filter.Topic, out ulong id);
            if (reach == DeviceTopicFilter.Reach.OneDevice) devices.Add(id);
            else if (reach == DeviceTopicFilter.Reach.AnyDevice) wide = true;
        }
        lock (_indexGate)
        {
            foreach (var id in session.Devices.Where(id => !devices.Contains(id)).ToArray()) Unfile(session, id);
            foreach (var id in devices.Where(id => !session.Devices.Contains(id)).ToArray())
            {
                _byDevice[id] = _byDevice.TryGetValue(id, out var others) ? [.. others, session] : [session];
                session.Devices.Add(id);
            }
            if (wide != session.Wide)
            {
                _wide = wide ? [.. _wide, session] : _wide.Where(s => !ReferenceEquals(s, session)).ToArray();
                session.Wide = wide;
            }
        }
    }

    private void Forget(RoutedSession session)
    {
        lock (_indexGate)
        {
            foreach (var id in session.Devices.ToArray()) Unfile(session, id);
            if (session.Wide)
            {
                _wide = _wide.Where(s => !ReferenceEquals(s, session)).ToArray();
                session.Wide = false;
            }
        }
        _byClientId.TryRemove(new KeyValuePair<string, RoutedSession>(session.ClientId, session));
    }

    private void Unfile(RoutedSession session, ulong id)
    {
        session.Devices.Remove(id);
        if (!_byDevice.TryGetValue(id, out var others)) return;
        var left = others.Where(s => !ReferenceEquals(s, session)).ToArray();
        if (left.Length == 0) _byDevice.TryRemove(id, out _);
        else _byDevice[id] = left;
    }

    private object Stripe(ulong deviceId) => _stripes[(int)(deviceId % (ulong)_stripes.Length)];
}
