namespace AqNano.Verifier.Evidence;

/// <summary>The status names the ledger, the evidence and the dashboard print (kebab case, stable).</summary>
public static class CertificateStatusNames
{
    public static string Of(CertificateStatus status) => status switch
    {
        CertificateStatus.None => "none",
        CertificateStatus.Valid => "valid",
        CertificateStatus.Expired => "expired",
        CertificateStatus.NotYetValid => "not-yet-valid",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.RevocationUnknown => "revocation-unknown",
        _ => "untrusted-issuer",
    };
}
