namespace AqNano.Verifier;

/// <summary>One publish on an obs topic as the broker (or a capture) delivered it.</summary>
/// <param name="Topic">The MQTT topic it was published on; its {id} must match the frame's deviceId.</param>
/// <param name="Payload">The bytes as received, not yet parsed.</param>
/// <param name="ReceivedUnixMs">The verifier's receive time (from its injectable clock), unix milliseconds.</param>
/// <param name="Connection">A label of the delivering connection (ownership, refusal budgets).</param>
/// <param name="Path">The path mode of that connection.</param>
public sealed record InboundFrame(string Topic, ReadOnlyMemory<byte> Payload, long ReceivedUnixMs, string Connection, PathMode Path)
{
    /// <summary>The client certificate the delivering connection presented at its TLS handshake, judged against
    /// the configured trust; null when it presented none. The seam through which certificate observations reach
    /// the core: the embedded broker fills it, tests fill it directly (docs/VERIFIER.md "Certificates").</summary>
    public Evidence.CertificateEvidence? Certificate { get; init; }
}
