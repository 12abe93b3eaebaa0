using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>An MQTT connection in memory: the test pushes inbound messages and reads what was
/// published. With <see cref="Record"/> off it keeps only counters, so that it allocates nothing.</summary>
public sealed class FakeUplink : IUplink
{
    public sealed record Message(string Topic, byte[] Payload, bool Retain);

    private readonly Queue<(string Topic, byte[] Payload)> _inbound = new();
    public readonly List<Message> Published = new();
    public readonly List<string> Subscriptions = new();
    public bool Connected = true;
    public bool Record = true;
    /// <summary>Publishes to refuse (no PUBACK) before accepting again.</summary>
    public int FailNextPublishes;
    public int PublishCalls;

    public bool IsConnected => Connected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        PublishCalls++;
        if (!Connected) return false;
        if (FailNextPublishes > 0)
        {
            FailNextPublishes--;
            if (Record) Published.Add(new Message("(not acknowledged) " + topic, payload.AsSpan(offset, length).ToArray(), retain));
            return false;
        }
        if (Record) Published.Add(new Message(topic, payload.AsSpan(offset, length).ToArray(), retain));
        return true;
    }

    /// <summary>Topics the broker refuses for now (a command topic before the connection owns the device).</summary>
    public Predicate<string>? RefuseSubscribe;
    /// <summary>Every SUBSCRIBE sent, granted or refused.</summary>
    public readonly List<string> SubscribeRequests = new();

    public bool Subscribe(string topic)
    {
        if (!Connected) return false;
        if (Record) SubscribeRequests.Add(topic);
        if (RefuseSubscribe?.Invoke(topic) == true) return false;
        Subscriptions.Add(topic);
        return true;
    }

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        if (!Connected || _inbound.Count == 0)
        {
            topic = "";
            return -1;
        }
        var (t, payload) = _inbound.Dequeue();
        topic = t;
        int copy = Math.Min(payload.Length, buffer.Length - offset);
        Array.Copy(payload, 0, buffer, offset, copy);
        return payload.Length;
    }

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue((topic, payload));

    public IEnumerable<byte[]> Frames(string topic) => Published.Where(m => m.Topic == topic).Select(m => m.Payload);
}
