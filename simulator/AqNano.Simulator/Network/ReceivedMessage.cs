namespace AqNano.Simulator.Network;

/// <summary>One message a subscriber received: topic, the bytes, and whether it came from the
/// retained store (at subscribe time) rather than live.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retained);
