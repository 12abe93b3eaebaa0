namespace AqNano.Simulator.Network;

/// <summary>How a connection reaches the broker (DESIGN.md "What the chain proves, and to whom"):
/// plain MQTT that anyone on the network can read, or TLS with the broker's CA pinned. Spelled
/// as the capture lines spell it ("open", "confidential").</summary>
public enum LinkPath
{
    Open = 0,
    Confidential = 1,
}
