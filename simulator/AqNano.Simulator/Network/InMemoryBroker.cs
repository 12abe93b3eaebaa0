using AqNano.Simulator.Models;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Network;

/// <summary>An MQTT-like broker inside the process, for one-process runs in virtual time: topics
/// with + and # filters, retained messages, QoS 1 acknowledgement, a label and path mode per
/// connection, and an interception hook in the publish path through which tests plug the verifier
/// in. Deterministic: its randomness comes from the seed, its time from the scheduler.</summary>
public sealed class InMemoryBroker
{
    private readonly Dictionary<string, List<BrokerConnection>> _exactSubscribers = new(StringComparer.Ordinal);
    private readonly List<(string Filter, BrokerConnection Connection)> _wildcardSubscribers = new();
    private readonly Dictionary<string, byte[]> _retained = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrokerConnection> _byClientId = new(StringComparer.Ordinal);
    private readonly ulong _seed;
    private ulong _connectionCount;

    public InMemoryBroker(ISimulationScheduler scheduler, ulong seed)
    {
        Scheduler = scheduler;
        _seed = seed;
    }

    public ISimulationScheduler Scheduler { get; }
    public ITrueTime Time => Scheduler;

    /// <summary>The publish-path hook (the verifier, in tests). Null forwards everything.</summary>
    public IPublishInterceptor? Interceptor { get; set; }

    /// <summary>Every client publish that reached the broker, with what the interceptor made of it
    /// (captures and counters listen here).</summary>
    public event Action<InterceptedPublish, PublishDecision>? Arrived;

    public long ForwardedCount { get; private set; }
    public long RefusedCount { get; private set; }
    public int RetainedCount => _retained.Count;

    /// <summary>Opens a session. A second connect with a connected client id takes over and closes
    /// the first [MQTT-3.1.4-3]: it can drop a connection, never inherit what that connection owned.</summary>
    public BrokerConnection Connect(string label, string clientId, LinkPath path, LinkConditions? conditions = null)
    {
        if (_byClientId.TryGetValue(clientId, out BrokerConnection? previous)) previous.Close();
        SeededRandom network = SeededRandom.Derive(_seed, 0x6E6574 /* "net" */, ++_connectionCount);
        BrokerConnection connection = new(this, label, clientId, path, conditions ?? LinkConditions.Perfect, network);
        _byClientId[clientId] = connection;
        return connection;
    }

    /// <summary>A publish by the broker's own side (the verifier's Decisions): not intercepted.</summary>
    public void PublishAsServer(string topic, byte[] payload, bool retain) => Route(topic, payload.ToArray(), retain);

    public bool TryGetRetained(string topic, out byte[] payload)
    {
        bool found = _retained.TryGetValue(topic, out byte[]? value);
        payload = value ?? Array.Empty<byte>();
        return found;
    }

    internal void Arrive(BrokerConnection from, string topic, byte[] payload, bool retain)
    {
        InterceptedPublish publish = new(topic, payload, retain, from.Label, from.ClientId, from.Path,
            Scheduler.UnixStartMs + Scheduler.NowUs / 1000, Scheduler.NowUs);
        PublishDecision decision = Interceptor?.Intercept(publish) ?? PublishDecision.Forward;
        Arrived?.Invoke(publish, decision);
        if (decision == PublishDecision.Refuse)
        {
            RefusedCount++;
            return;
        }
        ForwardedCount++;
        Route(topic, payload, retain);
    }

    internal void AddSubscription(BrokerConnection connection, string filter)
    {
        if (TopicFilter.IsWildcard(filter))
        {
            _wildcardSubscribers.Add((filter, connection));
            foreach ((string topic, byte[] payload) in _retained)
            {
                if (TopicFilter.Matches(filter, topic)) connection.Deliver(new ReceivedMessage(topic, payload, true));
            }
            return;
        }
        if (!_exactSubscribers.TryGetValue(filter, out List<BrokerConnection>? list))
        {
            _exactSubscribers[filter] = list = new List<BrokerConnection>(1);
        }
        if (!list.Contains(connection)) list.Add(connection);
        if (_retained.TryGetValue(filter, out byte[]? retained)) connection.Deliver(new ReceivedMessage(filter, retained, true));
    }

    internal void RemoveConnection(BrokerConnection connection)
    {
        if (_byClientId.TryGetValue(connection.ClientId, out BrokerConnection? current) && ReferenceEquals(current, connection))
        {
            _byClientId.Remove(connection.ClientId);
        }
        _wildcardSubscribers.RemoveAll(s => ReferenceEquals(s.Connection, connection));
        foreach (List<BrokerConnection> list in _exactSubscribers.Values) list.Remove(connection);
    }

    /// <summary>Retains (an empty payload clears the retained message, MQTT 5.0 3.3.1.3) and
    /// delivers to every matching subscriber.</summary>
    private void Route(string topic, byte[] payload, bool retain)
    {
        if (retain)
        {
            if (payload.Length == 0) _retained.Remove(topic);
            else _retained[topic] = payload;
        }
        ReceivedMessage message = new(topic, payload, false);
        if (_exactSubscribers.TryGetValue(topic, out List<BrokerConnection>? list))
        {
            foreach (BrokerConnection subscriber in list.ToArray()) subscriber.Deliver(message);
        }
        foreach ((string filter, BrokerConnection subscriber) in _wildcardSubscribers.ToArray())
        {
            if (TopicFilter.Matches(filter, topic)) subscriber.Deliver(message);
        }
    }
}
