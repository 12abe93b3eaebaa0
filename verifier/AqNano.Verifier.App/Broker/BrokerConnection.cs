using AqNano.Verifier;

namespace AqNano.Verifier.App.Broker;

/// <summary>One live MQTT connection as the enforcement sees it. A new object per TCP connection,
/// so that a client-id takeover (same id, new socket) never inherits ownership (DESIGN.md "Ownership").</summary>
public sealed class BrokerConnection(long number, string clientId, string endpoint, PathMode path, ConnectionRole role)
{
    public long Number { get; } = number;
    public string ClientId { get; } = clientId;
    public string Endpoint { get; } = endpoint;
    public PathMode Path { get; } = path;
    public ConnectionRole Role { get; } = role;

    /// <summary>The client certificate presented at this connection's TLS handshake, judged against the configured
    /// trust; null when none was presented or none is asked for (issue 9, brownfield overlay).</summary>
    public AqNano.Verifier.Evidence.CertificateEvidence? Certificate { get; init; }

    /// <summary>This connection's publish rate budget (issue 7 item 5).</summary>
    public PublishBudget Budget { get; } = new();

    private readonly HashSet<ulong> _owned = [];

    /// <summary>Devices this connection took ownership of (it may have lost some since): what
    /// <see cref="OwnershipTable.ReleaseAll"/> walks when it closes. A board owns one; a gateway a few.</summary>
    public void NoteOwned(ulong deviceId)
    {
        lock (_owned) _owned.Add(deviceId);
    }

    public ulong[] OwnedSoFar()
    {
        lock (_owned) return [.. _owned];
    }

    /// <summary>The label passed to the verifier as InboundFrame.Connection: unique per connection.</summary>
    public string Label => $"{ClientId}#{Number}";

    public override string ToString() => Label;
}
