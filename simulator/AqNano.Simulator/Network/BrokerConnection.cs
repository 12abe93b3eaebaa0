using AqNano.Simulator.Models;

namespace AqNano.Simulator.Network;

/// <summary>One client session on the <see cref="InMemoryBroker"/>, with its label (what the
/// verifier sees as "the connection"), its path mode and its network model. A session outlives
/// outages (clean start off): subscriptions stay and messages wait until the network is back.</summary>
public sealed class BrokerConnection
{
    private const int InboxLimit = 256;
    private readonly InMemoryBroker _broker;
    private readonly SeededRandom _network;
    private readonly Queue<ReceivedMessage> _inbox = new();
    private long _lastUplinkArrivalUs;
    private long _lastDownlinkArrivalUs;

    internal BrokerConnection(InMemoryBroker broker, string label, string clientId, LinkPath path, LinkConditions conditions, SeededRandom network)
    {
        _broker = broker;
        Label = label;
        ClientId = clientId;
        Path = path;
        Conditions = conditions;
        _network = network;
    }

    public string Label { get; }
    public string ClientId { get; }
    public LinkPath Path { get; }
    public LinkConditions Conditions { get; }
    public bool IsClosed { get; private set; }
    public bool IsConnected => !IsClosed && !Conditions.IsDown(_broker.Time.NowUs);

    public long PublishCount { get; private set; }
    public long PublishLostCount { get; private set; }
    public long AckLostCount { get; private set; }
    public long ReceivedCount { get; private set; }
    public long InboxOverflowCount { get; private set; }

    /// <summary>Raised after a message entered the inbox.</summary>
    public event Action? MessageQueued;

    /// <summary>Called on delivery instead of queueing in the inbox (verifier taps, attackers).</summary>
    public Action<BrokerConnection, ReceivedMessage>? OnMessage { get; set; }

    /// <summary>QoS 1 publish: true only when the PUBACK came back. A lost PUBLISH never reaches the
    /// broker; a lost PUBACK means it did, and the sender's resend will be a duplicate.</summary>
    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        if (!IsConnected) return false;
        if (_network.Chance(Conditions.PublishLossProbability))
        {
            PublishLostCount++;
            return false;
        }
        PublishCount++;
        byte[] copy = payload.AsSpan(offset, length).ToArray();
        long now = _broker.Time.NowUs;
        long arrival = Math.Max(now + Conditions.UplinkDelay.SampleUs(_network), _lastUplinkArrivalUs);
        _lastUplinkArrivalUs = arrival;
        if (arrival <= now) _broker.Arrive(this, topic, copy, retain);
        else _broker.Scheduler.At(arrival, () => _broker.Arrive(this, topic, copy, retain));
        if (_network.Chance(Conditions.AckLossProbability))
        {
            AckLostCount++;
            return false;
        }
        return true;
    }

    public bool Subscribe(string filter)
    {
        if (!IsConnected) return false;
        _broker.AddSubscription(this, filter);
        return true;
    }

    /// <summary>Takes the oldest delivered message (when no <see cref="OnMessage"/> handler is set).</summary>
    public bool TryReceive(out ReceivedMessage message)
    {
        if (_inbox.Count > 0)
        {
            message = _inbox.Dequeue();
            return true;
        }
        message = null!;
        return false;
    }

    public void Close()
    {
        if (IsClosed) return;
        IsClosed = true;
        _broker.RemoveConnection(this);
    }

    /// <summary>Sends a message down this connection after its downlink delay, in order, and not
    /// before its network is back up.</summary>
    internal void Deliver(ReceivedMessage message)
    {
        long now = _broker.Time.NowUs;
        long at = Math.Max(now + Conditions.DownlinkDelay.SampleUs(_network), _lastDownlinkArrivalUs);
        at = Conditions.UpAgainAt(at);
        _lastDownlinkArrivalUs = at;
        if (at <= now) Receive(message);
        else _broker.Scheduler.At(at, () => Receive(message));
    }

    private void Receive(ReceivedMessage message)
    {
        if (IsClosed) return;
        ReceivedCount++;
        if (OnMessage != null)
        {
            OnMessage(this, message);
            return;
        }
        if (_inbox.Count >= InboxLimit)
        {
            _inbox.Dequeue();
            InboxOverflowCount++;
        }
        _inbox.Enqueue(message);
        MessageQueued?.Invoke();
    }
}
