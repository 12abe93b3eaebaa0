using System.Collections;
using System.Collections.Concurrent;
using AqNano.Verifier.Evidence;

namespace AqNano.Verifier.App.Broker;

/// <summary>Live connections. MQTTnet reuses a session's item dictionary when a client id is taken
/// over without a clean session, so a connection is attached to the session items only when it is
/// connected (after the takeover stopped the old socket), as a fresh object each time.</summary>
public sealed class ConnectionRegistry
{
    private const string ItemKey = "aqnano.connection";
    private readonly ConcurrentDictionary<string, (PathMode Path, ConnectionRole Role, long Ticks, CertificateEvidence? Certificate)> _pending = new();
    private readonly ConcurrentDictionary<string, BrokerConnection> _byClientId = new();
    private long _next;
    // ConcurrentDictionary.Count takes every one of its locks: asked on every CONNECT (the connection
    // limit, the sweep below) while 10,000 boards connected at once, it was where the connects queued
    // (docs/PERFORMANCE.md "Fleet load"). Counted here instead, exactly, beside the dictionary's own changes.
    private int _count;
    private long _lastSweepTicks;

    /// <summary>At CONNECT validation: remembers what the socket proved (TLS, credentials) by remote endpoint.</summary>
    public void Validated(string endpoint, PathMode path, ConnectionRole role, CertificateEvidence? certificate = null)
    {
        // A CONNECT validated here can still be refused after (an empty client id), so entries that
        // never connect are swept rather than kept for ever.
        // At most one sweep a second: sweeping on every CONNECT of a burst walked thousands of pending
        // entries per connection.
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (now - last > 1000 && Interlocked.CompareExchange(ref _lastSweepTicks, now, last) == last && _pending.Count > 1024)
        {
            foreach (var pair in _pending)
            {
                if (now - pair.Value.Ticks > 30_000) _pending.TryRemove(pair);
            }
        }
        _pending[endpoint] = (path, role, now, certificate);
    }

    public int Pending => _pending.Count;

    /// <summary>At connected: makes the connection object and attaches it to the session items.</summary>
    public BrokerConnection Connected(string clientId, string endpoint, IDictionary sessionItems)
    {
        var (path, role, certificate) = _pending.TryRemove(endpoint, out var known) ? (known.Path, known.Role, known.Certificate) : (PathMode.Open, ConnectionRole.Device, null);
        var connection = new BrokerConnection(Interlocked.Increment(ref _next), clientId, endpoint, path, role) { Certificate = certificate };
        sessionItems[ItemKey] = connection;
        while (true)
        {
            if (_byClientId.TryAdd(clientId, connection)) { Interlocked.Increment(ref _count); break; }
            if (_byClientId.TryGetValue(clientId, out var taken) && _byClientId.TryUpdate(clientId, connection, taken)) break;
        }
        return connection;
    }

    public BrokerConnection? Disconnected(string clientId, IDictionary sessionItems)
    {
        if (sessionItems[ItemKey] is not BrokerConnection connection) return null;
        if (_byClientId.TryRemove(new KeyValuePair<string, BrokerConnection>(clientId, connection))) Interlocked.Decrement(ref _count);
        return connection;
    }

    public static BrokerConnection? From(IDictionary? sessionItems) => sessionItems?[ItemKey] as BrokerConnection;

    public BrokerConnection? ByClientId(string clientId) => _byClientId.TryGetValue(clientId, out var c) ? c : null;

    public int Count => Volatile.Read(ref _count);
}
