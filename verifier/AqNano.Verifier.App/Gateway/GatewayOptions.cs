namespace AqNano.Verifier.App.Gateway;

/// <summary>What `aqnano gateway` runs with (docs/ADOPTION.md "Gateway-mediated retrofit" "Set it up").</summary>
public sealed record GatewayOptions
{
    /// <summary>Where the plain sensors publish.</summary>
    public required Uri Broker { get; init; }
    /// <summary>The verifier's broker, where the chains go (often the same broker).</summary>
    public required Uri PublishTo { get; init; }
    /// <summary>MQTT topic filters of the plain sensors; each distinct topic is one proxied device.</summary>
    public required IReadOnlyList<string> Watch { get; init; }
    /// <summary>The gateway's own chip identity (a MAC, a serial): its device id is K("AQ1/id", its UTF-8 bytes).</summary>
    public required string GatewayId { get; init; }
    /// <summary>How often the gateway makes its own next link and each proxied device's.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>For JSON payloads: the field holding the reading (a bare number payload needs none).</summary>
    public string ValueField { get; init; } = "value";
    /// <summary>For JSON payloads: the field holding the signal strength in dBm, where the sensor reports one.</summary>
    public string SignalField { get; init; } = "rssi";
    /// <summary>Topics beyond this many are refused and counted: a topic flood must not grow the gateway's memory.</summary>
    public int MaxDevices { get; init; } = 1000;
}
