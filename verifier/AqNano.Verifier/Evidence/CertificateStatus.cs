namespace AqNano.Verifier.Evidence;

/// <summary>What a client certificate says about a device at one instant (docs/VERIFIER.md "Certificates").
/// Judged in this order: an issuer nobody configured as trusted says nothing else worth believing, then
/// revocation, then the validity period, then the age of the revocation list.</summary>
public enum CertificateStatus
{
    /// <summary>The connection that speaks for the device presented no certificate.</summary>
    None,
    /// <summary>Chains to a trusted issuer, is not revoked and is within its validity period.</summary>
    Valid,
    /// <summary>Past its notAfter.</summary>
    Expired,
    /// <summary>Before its notBefore.</summary>
    NotYetValid,
    /// <summary>Its serial is on the trusted issuer's revocation list.</summary>
    Revoked,
    /// <summary>Does not chain to any configured trusted issuer.</summary>
    UntrustedIssuer,
    /// <summary>Its issuer's revocation list is past its nextUpdate (RFC 5280 5.1.2.5): not known to be revoked,
    /// not known not to be. Carries no weight, like an expired one, until a fresh list is in `--crl`.</summary>
    RevocationUnknown,
}
