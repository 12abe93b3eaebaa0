using System.Collections.Concurrent;

namespace AqNano.Verifier.Evidence;

/// <summary>The verifier's per-device certificate book (issue 9, brownfield overlay). Kept beside the device
/// state, not in it: a device re-presents its certificate at every TLS connect, so the book is rebuilt by the
/// first accepted frame of each connection and need not survive a restart (docs/VERIFIER.md "Certificates").</summary>
public sealed class CertificateBook
{
    private readonly ConcurrentDictionary<ulong, CertificateBinding> _bindings = new();

    /// <summary>The device's entry as it is now, to put back if the judgement that may change it is not recorded.</summary>
    public KeptCertificate Keep(ulong deviceId) => Of(deviceId) is { } binding ? new(deviceId, binding, binding.Recorded) : new(deviceId, null, null);

    /// <summary>Puts back a kept entry: a judgement whose ledger batch failed changed nothing (docs/VERIFIER.md section 11).</summary>
    public void Restore(KeptCertificate kept)
    {
        if (kept.Binding == null)
        {
            _bindings.TryRemove(kept.DeviceId, out _);
            return;
        }
        kept.Binding.Recorded = kept.Recorded;
        _bindings[kept.DeviceId] = kept.Binding;
    }

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
