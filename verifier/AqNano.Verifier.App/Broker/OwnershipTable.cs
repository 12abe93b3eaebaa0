using System.Collections.Concurrent;

namespace AqNano.Verifier.App.Broker;

/// <summary>Which live connection owns each device's topics: the one that delivered the last
/// accepted next link (DESIGN.md "Ownership (embedded broker)"). Keyed by connection object,
/// never by client id, so that a takeover of the id cannot move ownership.</summary>
public sealed class OwnershipTable
{
    private readonly ConcurrentDictionary<ulong, BrokerConnection> _owners = new();

    public BrokerConnection? Owner(ulong deviceId) => _owners.TryGetValue(deviceId, out var owner) ? owner : null;

    public bool IsOwner(ulong deviceId, BrokerConnection connection) => ReferenceEquals(Owner(deviceId), connection);

    public void Take(ulong deviceId, BrokerConnection connection) => _owners[deviceId] = connection;

    /// <summary>A closed connection owns nothing: the device's next link, from whatever connection, takes it back.</summary>
    public void ReleaseAll(BrokerConnection connection)
    {
        foreach (var pair in _owners)
        {
            if (ReferenceEquals(pair.Value, connection)) _owners.TryRemove(pair);
        }
    }

    public int Count => _owners.Count;
}
