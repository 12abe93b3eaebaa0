namespace AqNano.Verifier.Reports;

/// <summary>A "certificate" record: a client certificate bound to the device, or its status changed
/// (docs/VERIFIER.md section 12). Public facts only.</summary>
public sealed record CertificateEvent(long Sequence, long TimeUnixMs, string Event, string Status, string Subject, string Issuer, string Serial, long? NotAfterUnixMs);
