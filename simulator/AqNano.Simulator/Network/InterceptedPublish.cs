namespace AqNano.Simulator.Network;

/// <summary>One client publish as it reached the in-memory broker, handed to the interceptor
/// before anyone else sees it. <see cref="Payload"/> is the broker's own copy.</summary>
public sealed record InterceptedPublish(
    string Topic,
    byte[] Payload,
    bool Retain,
    string ConnectionLabel,
    string ClientId,
    LinkPath Path,
    long ReceivedUnixMs,
    long ReceivedTrueUs);
