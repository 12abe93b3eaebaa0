namespace AqNano.Verifier.Evidence;

/// <summary>One client certificate as an authority-credentialed observation (issue 9, brownfield overlay):
/// the facts read at the TLS handshake, judged against the configured trust when the connection was made.
/// Only public facts: the certificate's key never reaches the verifier. The status depends on the clock
/// (<see cref="StatusAt"/>), so a certificate that expires mid-run changes status without a reconnect.</summary>
/// <param name="Subject">The subject distinguished name, as X509Certificate2 prints it.</param>
/// <param name="Issuer">The issuer distinguished name.</param>
/// <param name="SerialNumberHex">Serial number, big-endian hex (lower case), as CRLs list it.</param>
/// <param name="NotBeforeUnixMs">Start of the validity period, unix milliseconds.</param>
/// <param name="NotAfterUnixMs">End of the validity period, unix milliseconds.</param>
/// <param name="ThumbprintSha256Hex">SHA-256 of the DER certificate, lower-case hex.</param>
/// <param name="IssuerTrusted">The certificate chains to one of the configured trusted issuers.</param>
/// <param name="Revoked">Its serial is on a revocation list signed by its (trusted) issuer.</param>
/// <param name="RevocationListDueUnixMs">The nextUpdate of its issuer's list when `--crl` holds one: past it, that
/// list no longer vouches that the certificate is not revoked. Null: no list of this issuer is configured.</param>
public sealed record CertificateEvidence(
    string Subject,
    string Issuer,
    string SerialNumberHex,
    long NotBeforeUnixMs,
    long NotAfterUnixMs,
    string ThumbprintSha256Hex,
    bool IssuerTrusted,
    bool Revoked,
    long? RevocationListDueUnixMs = null)
{
    /// <summary>An untrusted issuer says nothing else worth believing; then revocation; then the validity period;
    /// then whether the revocation list still vouches for the serial (a certificate out of its validity period is
    /// that, whatever the list's age).</summary>
    public CertificateStatus StatusAt(long unixMs) =>
        !IssuerTrusted ? CertificateStatus.UntrustedIssuer
        : Revoked ? CertificateStatus.Revoked
        : unixMs < NotBeforeUnixMs ? CertificateStatus.NotYetValid
        : unixMs > NotAfterUnixMs ? CertificateStatus.Expired
        : unixMs > RevocationListDueUnixMs ? CertificateStatus.RevocationUnknown
        : CertificateStatus.Valid;
}
