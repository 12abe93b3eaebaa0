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

    public void Take(ulong deviceId, BrokerConnection connection)
    {
        // Noted on the connection first, so that a release racing with this take finds it.
        connection.NoteOwned(deviceId);
        _owners[deviceId] = connection;
    }

    /// <summary>A closed connection owns nothing: the device's next link, from whatever connection, takes it back.
    /// Walks the devices this connection ever took, not the whole table: with 10,000 boards reconnecting, a
    /// walk of every owner per disconnect grew with the fleet squared (docs/PERFORMANCE.md "Fleet load").</summary>
    public void ReleaseAll(BrokerConnection connection)
    {
        foreach (ulong deviceId in connection.OwnedSoFar())
        {
            _owners.TryRemove(new KeyValuePair<ulong, BrokerConnection>(deviceId, connection));
        }
    }

    public int Count => _owners.Count;
}
