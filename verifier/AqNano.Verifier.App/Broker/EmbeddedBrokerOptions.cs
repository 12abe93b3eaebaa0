using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.App.Broker;

/// <summary>Where the embedded broker listens. Loopback unless asked (issue 6 item 1).</summary>
public sealed class EmbeddedBrokerOptions
{
    public IPAddress Listen { get; init; } = IPAddress.Loopback;
    public int Port { get; init; } = 1883;
    /// <summary>The TLS listener's port; 0 turns it off.</summary>
    public int TlsPort { get; init; } = 8883;
    public X509Certificate2? TlsCertificate { get; init; }
    /// <summary>Trusted issuers and revocations for client certificates (`--client-ca`, `--crl`). Null: the TLS
    /// listener does not ask for client certificates. Set: it asks, never requires, and every presented
    /// certificate becomes evidence for the verifier (issue 9, brownfield overlay).</summary>
    public AqNano.Verifier.Evidence.CertificateTrust? ClientTrust { get; init; }
    /// <summary>Password of the "controller" user (downlink app traffic); null: no controllers.</summary>
    public string? ControllerPassword { get; init; }
    /// <summary>Per-client payload size and publish rate, and the connection limit (issue 7 item 5).</summary>
    public BrokerLimits Limits { get; init; } = new();
}
