namespace AqNano.Verifier.App.Broker;

/// <summary>What one client may cost the embedded broker (issue 7 item 5). The defaults leave an
/// honest board (one frame per interval, DESIGN.md "Scale": 10 s, plus its telemetry) orders of
/// magnitude of headroom while a flooding client is refused before its bytes reach the verifier or
/// the ledger. Over-limit traffic is refused and counted (/metrics aqnano_broker_refusals_total).</summary>
public sealed record BrokerLimits
{
    /// <summary>Largest publish payload taken, in bytes; a v1 frame is at most 184 (docs/PROTOCOL.md "Frames").</summary>
    public int MaxPayloadBytes { get; init; } = 64 * 1024;

    /// <summary>Sustained publishes per second per connection (a token bucket refilled at this rate).</summary>
    public double PublishesPerSecond { get; init; } = 20;

    /// <summary>Publishes a connection may send at once before the sustained rate applies (reconnect backlogs).</summary>
    public int PublishBurst { get; init; } = 200;

    /// <summary>Live MQTT connections; a CONNECT beyond it gets QuotaExceeded.</summary>
    public int MaxConnections { get; init; } = 20_000;

    /// <summary>Topics outside aq/ holding a retained message (MQTTnet's own store: each SUBSCRIBE copies and
    /// matches all of them); a retained publish on one more topic gets QuotaExceeded. Device Decisions are kept
    /// by the broker's router, not here (DeviceTopicRouter).</summary>
    public int MaxRetainedTopics { get; init; } = 10_000;

    /// <summary>Null when every limit is usable, else which one is not and why (for the CLI's exit 2).</summary>
    public string? Problem() =>
        MaxPayloadBytes < 184 ? $"the payload limit must be at least 184 bytes (a v1 frame), not {MaxPayloadBytes}"
        : !(PublishesPerSecond > 0) ? $"the publish rate must be above 0 per second, not {PublishesPerSecond}"
        : PublishBurst < 1 ? $"the publish burst must be at least 1, not {PublishBurst}"
        : MaxConnections < 1 ? $"the connection limit must be at least 1, not {MaxConnections}"
        : MaxRetainedTopics < 0 ? $"the retained-topic limit must not be negative, not {MaxRetainedTopics}"
        : null;
}
