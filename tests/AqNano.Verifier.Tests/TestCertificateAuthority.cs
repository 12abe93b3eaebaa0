using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.Tests;

/// <summary>A certificate authority made in the test (issue 9: "certificates made in the test"): an ECDSA P-256
/// root that issues client certificates with chosen validity and serial, and signs CRLs. Shared with the app
/// tests by a linked source file.</summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private int _nextSerial = 0x1000;

    /// <param name="parent">Issues this authority's certificate (an intermediate); null: a self-signed root.</param>
    public TestCertificateAuthority(string name, TestCertificateAuthority? parent = null)
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        (DateTimeOffset from, DateTimeOffset to) = (DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(5));
        if (parent == null)
        {
            Certificate = request.CreateSelfSigned(from, to);
            return;
        }
        using X509Certificate2 signed = request.Create(parent.Certificate, from.AddDays(1), to.AddDays(-1), [0x7f, 0x01]);
        Certificate = signed.CopyWithPrivateKey(_key);
    }

    /// <summary>The root with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A client certificate (with its private key) valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public X509Certificate2 Issue(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=Plant PKI", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        byte[] serial = BitConverter.GetBytes(Interlocked.Increment(ref _nextSerial)).Reverse().ToArray();
        using X509Certificate2 signed = request.Create(Certificate, notBefore, notAfter, serial);
        // Round trip through PKCS#12 so that SslStream on Linux can use the key for the client handshake.
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 IssueValid(string commonName) => Issue(commonName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>A DER CRL, signed by this authority, listing <paramref name="revoked"/>; its next one due in a week.</summary>
    public byte[] RevocationList(params X509Certificate2[] revoked) => RevocationList(DateTimeOffset.UtcNow.AddDays(7), revoked);

    /// <summary>As above, with the nextUpdate given (in the past: a stale list).</summary>
    public byte[] RevocationList(DateTimeOffset nextUpdate, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (X509Certificate2 certificate in revoked) builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddMinutes(-5));
        return builder.Build(Certificate, BigInteger.One, nextUpdate, HashAlgorithmName.SHA256, thisUpdate: DateTimeOffset.UtcNow.AddDays(-30));
    }

    public static string CrlPem(byte[] der) => PemEncoding.WriteString("X509 CRL", der) + "\n";

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
