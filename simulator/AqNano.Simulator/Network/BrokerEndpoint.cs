using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Simulator.Network;

/// <summary>Where simulated boards connect: mqtt://host[:1883], an open path, or mqtts://host[:8883] with the
/// broker's CA pinned, a confidential path (DESIGN.md "Confidential path": a board trusts the one CA it was
/// given, never the system's store). `aqnano serve` writes its CA as aqnano-ca.crt in its TLS folder.</summary>
public sealed record BrokerEndpoint(string Host, int Port, X509Certificate2? PinnedCa)
{
    public bool Tls => PinnedCa != null;

    public LinkPath Path => Tls ? LinkPath.Confidential : LinkPath.Open;

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";

    /// <summary>Parses the address and loads the pinned CA (PEM or DER) for mqtts://; false with a reason for
    /// anything else: another scheme, mqtts:// without a CA, a CA for plain mqtt://, an unreadable CA file.</summary>
    public static bool TryParse(string address, string? caFile, out BrokerEndpoint endpoint, out string error)
    {
        endpoint = null!;
        error = "";
        if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || uri.Host.Length == 0)
        {
            error = $"--broker must look like mqtt://host:port or mqtts://host:port, not '{address}'";
            return false;
        }
        bool tls = uri.Scheme == "mqtts";
        int port = !uri.IsDefaultPort && uri.Port > 0 ? uri.Port : tls ? 8883 : 1883;
        if (!tls)
        {
            if (caFile != null)
            {
                error = "--ca pins the CA of a TLS broker: give an mqtts:// address with it";
                return false;
            }
            endpoint = new BrokerEndpoint(uri.Host, port, null);
            return true;
        }
        if (caFile == null)
        {
            error = "mqtts:// needs --ca FILE, the broker's CA certificate to pin (aqnano serve keeps it as aqnano-ca.crt in its TLS folder)";
            return false;
        }
        try
        {
            endpoint = new BrokerEndpoint(uri.Host, port, X509CertificateLoader.LoadCertificateFromFile(caFile));
            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or CryptographicException)
        {
            error = $"cannot read the CA certificate {caFile}: {failure.Message}";
            return false;
        }
    }

    /// <summary>The broker's certificate must chain to the pinned CA alone and name the host dialled.</summary>
    public bool Accepts(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (PinnedCa == null || presented == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(PinnedCa);
        // A board has no route to a CRL or OCSP responder; the pin is its trust (DESIGN.md "Confidential path").
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
