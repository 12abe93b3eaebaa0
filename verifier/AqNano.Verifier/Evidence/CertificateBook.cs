using System.Collections.Concurrent;

namespace AqNano.Verifier.Evidence;

/// <summary>The verifier's per-device certificate book (issue 9, brownfield overlay). Kept beside the device
/// state, not in it: a device re-presents its certificate at every TLS connect, so the book is rebuilt by the
/// first accepted frame of each connection and need not survive a restart (docs/VERIFIER.md "Certificates").</summary>
public sealed class CertificateBook
{
    private readonly ConcurrentDictionary<ulong, CertificateBinding> _bindings = new();

    public CertificateBinding? Of(ulong deviceId) => _bindings.TryGetValue(deviceId, out CertificateBinding? binding) ? binding : null;

    /// <summary>The connection that delivered an accepted frame of the device owns its topics, so its certificate
    /// (or its lack of one) now speaks for the device. A device that never showed a certificate gets no entry,
    /// so a fleet without certificates writes nothing more to the ledger. True when the binding changed.</summary>
    public bool Bind(ulong deviceId, string connection, CertificateEvidence? certificate)
    {
        CertificateBinding? current = Of(deviceId);
        if (current == null && certificate == null) return false;
        if (current != null && current.Connection == connection
            && current.Certificate?.ThumbprintSha256Hex == certificate?.ThumbprintSha256Hex) return false;
        _bindings[deviceId] = new CertificateBinding(connection, certificate);
        return true;
    }
}
