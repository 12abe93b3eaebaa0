using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.Evidence;

/// <summary>The `--crl` file, read again when it changes (its size or write time), checked at each new
/// connection. A replacement that does not load keeps the list in force: a broken or forged file must never
/// un-revoke anything. <see cref="Changed"/> says what happened, for the log.</summary>
public sealed class RevocationListFile
{
    private readonly string _path;
    private readonly IReadOnlyList<X509Certificate2> _issuers;
    private readonly object _gate = new();
    private (DateTime WrittenUtc, long Length) _stamp;
    private CertificateRevocationList _current;

    private RevocationListFile(string path, IReadOnlyList<X509Certificate2> issuers, CertificateRevocationList first, (DateTime, long) stamp)
    {
        _path = path;
        _issuers = issuers;
        _current = first;
        _stamp = stamp;
    }

    /// <summary>Raised with one line after each reload attempt (loaded, or kept the previous list and why).</summary>
    public event Action<string>? Changed;

    public static bool TryOpen(string path, IReadOnlyList<X509Certificate2> issuers, out RevocationListFile file, out string error)
    {
        file = null!;
        if (!TryRead(path, issuers, out CertificateRevocationList first, out var stamp, out error)) return false;
        file = new RevocationListFile(path, issuers, first, stamp);
        return true;
    }

    public CertificateRevocationList Current
    {
        get
        {
            var info = new FileInfo(_path);
            if (!info.Exists || (info.LastWriteTimeUtc, info.Length) == _stamp) return _current;
            lock (_gate)
            {
                if (TryRead(_path, _issuers, out CertificateRevocationList next, out var stamp, out string error))
                {
                    (_current, _stamp) = (next, stamp);
                    Changed?.Invoke($"--crl {_path} reloaded: {next.Count} revoked serial(s)");
                }
                else
                {
                    _stamp = (info.LastWriteTimeUtc, info.Length); // do not parse the same broken file at every connect
                    Changed?.Invoke($"--crl {_path} changed but was not loaded, the previous list stays in force: {error}");
                }
                return _current;
            }
        }
    }

    private static bool TryRead(string path, IReadOnlyList<X509Certificate2> issuers, out CertificateRevocationList list, out (DateTime, long) stamp, out string error)
    {
        list = CertificateRevocationList.Empty;
        stamp = default;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            stamp = (info.LastWriteTimeUtc, info.Length);
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException exception)
        {
            error = exception.Message;
            return false;
        }
        return CertificateRevocationList.TryParse(bytes, issuers, out list, out error);
    }
}
