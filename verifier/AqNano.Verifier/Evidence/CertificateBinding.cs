namespace AqNano.Verifier.Evidence;

/// <summary>Which connection's certificate speaks for a device now, and the status last written to the
/// ledger for it. Mutated only under the device's lock.</summary>
/// <param name="Connection">The label of the connection that delivered the accepted frame that bound it.</param>
/// <param name="Certificate">What that connection presented; null when it presented none.</param>
public sealed class CertificateBinding(string connection, CertificateEvidence? certificate)
{
    public string Connection { get; } = connection;
    public CertificateEvidence? Certificate { get; } = certificate;

    /// <summary>The status the last "certificate" ledger record stated; null until one is written.</summary>
    public CertificateStatus? Recorded { get; set; }

    public CertificateStatus StatusAt(long unixMs) => Certificate?.StatusAt(unixMs) ?? CertificateStatus.None;
}
