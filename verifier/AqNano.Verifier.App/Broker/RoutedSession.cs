using System.Collections;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace AqNano.Verifier.App.Broker;

/// <summary>One MQTTnet session as the <see cref="DeviceTopicRouter"/> sees it: the handle to enqueue on
/// and its accepted filters that can reach device topics. Kept in the session's item dictionary, which
/// MQTTnet keeps exactly as long as the session (a resumed session keeps its subscriptions, MQTT 3.1.1
/// 3.1.2.4; a clean start gets a new dictionary), so the router's view of a session lives and dies with it.</summary>
public sealed class RoutedSession(string clientId, IDictionary items, MqttSessionStatus handle)
{
    private const string ItemKey = "aqnano.routed-session";
    private readonly Dictionary<string, MqttTopicFilter> _filters = new(StringComparer.Ordinal);
    // Read on every delivery, written on (un)subscribe: a copy made at each write, so that reads neither lock nor allocate.
    private volatile MqttTopicFilter[] _snapshot = [];

    public string ClientId { get; } = clientId;
    public IDictionary Items { get; } = items;
    public MqttSessionStatus Handle { get; } = handle;

    /// <summary>The devices this session is filed under in the router's index, and whether it is filed as wide.</summary>
    public HashSet<ulong> Devices { get; } = [];
    public bool Wide { get; set; }

    public static RoutedSession? From(IDictionary? items) => items?[ItemKey] as RoutedSession;

    public static RoutedSession Attach(string clientId, IDictionary items, MqttSessionStatus handle)
    {
        lock (items)
        {
            if (items[ItemKey] is RoutedSession known) return known;
            var created = new RoutedSession(clientId, items, handle);
            items[ItemKey] = created;
            return created;
        }
    }

    /// <summary>Adds or replaces a filter; false when it was already there (MQTT 5 retain handling 1).</summary>
    public bool Add(MqttTopicFilter filter)
    {
        lock (_filters)
        {
            bool isNew = !_filters.ContainsKey(filter.Topic);
            _filters[filter.Topic] = filter;
            _snapshot = [.. _filters.Values];
            return isNew;
        }
    }

    public bool Remove(string topic)
    {
        lock (_filters)
        {
            if (!_filters.Remove(topic)) return false;
            _snapshot = [.. _filters.Values];
            return true;
        }
    }

    public MqttTopicFilter[] Filters() => _snapshot;
}
