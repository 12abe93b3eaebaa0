namespace AqNano.Verifier.Evidence;

/// <summary>A device's certificate book entry as it was before a judgement (<see cref="CertificateBook.Keep"/>).</summary>
public readonly record struct KeptCertificate(ulong DeviceId, CertificateBinding? Binding, CertificateStatus? Recorded);
