using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.Evidence;

/// <summary>The configured trust for client certificates (`serve --client-ca FILE [--crl FILE]`): trusted
/// issuers (PEM) and what they revoked. Turns a presented certificate into <see cref="CertificateEvidence"/>.
/// Evaluation never throws and never refuses: a certificate is one observation, not a gate.</summary>
public sealed class CertificateTrust
{
    private readonly List<X509Certificate2> _issuers;
    private readonly CertificateRevocationList _fixedList;
    private readonly RevocationListFile? _file;

    public CertificateTrust(IEnumerable<X509Certificate2> issuers, CertificateRevocationList? revoked = null)
    {
        _issuers = issuers.ToList();
        _fixedList = revoked ?? CertificateRevocationList.Empty;
    }

    private CertificateTrust(List<X509Certificate2> issuers, RevocationListFile file)
    {
        _issuers = issuers;
        _fixedList = CertificateRevocationList.Empty;
        _file = file;
    }

    public IReadOnlyList<X509Certificate2> Issuers => _issuers;

    public int RevokedCount => Revoked.Count;

    /// <summary>The `--crl` file when there is one (its Changed event reports reloads), else null.</summary>
    public RevocationListFile? RevocationFile => _file;

    private CertificateRevocationList Revoked => _file?.Current ?? _fixedList;

    /// <summary>Reads the trusted issuers (one or more PEM certificates) and, when given, a CRL signed by one of
    /// them; the CRL file is read again when it changes (<see cref="RevocationListFile"/>).</summary>
    public static bool TryLoad(string issuersPemPath, string? crlPath, out CertificateTrust trust, out string error)
    {
        trust = null!;
        var issuers = new X509Certificate2Collection();
        try
        {
            issuers.ImportFromPemFile(issuersPemPath);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException)
        {
            error = $"--client-ca {issuersPemPath}: not PEM certificates: {exception.Message}";
            return false;
        }
        if (issuers.Count == 0) { error = $"--client-ca {issuersPemPath}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file"; return false; }
        error = "";
        if (crlPath == null)
        {
            trust = new CertificateTrust(issuers);
            return true;
        }
        if (!RevocationListFile.TryOpen(crlPath, issuers.ToList(), out RevocationListFile file, out string problem))
        {
            error = $"--crl {crlPath}: {problem}";
            return false;
        }
        trust = new CertificateTrust(issuers.ToList(), file);
        return true;
    }

    public CertificateEvidence Evaluate(X509Certificate2 certificate)
    {
        bool trusted = ChainsToTrustedIssuer(certificate);
        bool revoked = trusted && Revoked.Contains(certificate.IssuerName, certificate.SerialNumberBytes.Span);
        return new CertificateEvidence(
            certificate.Subject, certificate.Issuer, Convert.ToHexStringLower(certificate.SerialNumberBytes.Span),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeMilliseconds(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeMilliseconds(),
            certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(), trusted, revoked,
            trusted ? Revoked.NextUpdateOf(certificate.IssuerName) : null);
    }

    /// <summary>Only the issuer is judged here: validity times are judged against the verifier's clock at each
    /// decision (a certificate may expire mid-run), revocation against the configured list (no online
    /// fetching: the verifier must not depend on a PKI's uptime).</summary>
    private bool ChainsToTrustedIssuer(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_issuers.ToArray());
        // An intermediate issuer in the file is found for the path even where only roots anchor trust.
        chain.ChainPolicy.ExtraStore.AddRange(_issuers.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreWrongUsage;
        try
        {
            return chain.Build(certificate);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
