using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.App.Broker;

/// <summary>The TLS listener's certificate (DESIGN.md "Confidential path"): the user's own PFX, or a
/// local CA made once in a state folder and kept there, whose certificate the boards pin. The CA's key
/// never leaves the folder; the CA certificate is public and is printed for pinning.</summary>
public static class LocalCertificateAuthority
{
    public const string CaFileName = "aqnano-ca.crt";
    private const string CaKeyFileName = "aqnano-ca.pfx";
    private const string ServerFileName = "aqnano-broker.pfx";

    /// <summary>Loads the server certificate from <paramref name="folder"/>, making the CA and the server
    /// certificate first when missing. <paramref name="created"/> is true on first start.</summary>
    public static X509Certificate2 LoadOrCreate(string folder, IEnumerable<string> hostNames, out X509Certificate2 ca, out bool created)
    {
        Directory.CreateDirectory(folder);
        string caKeyPath = Path.Combine(folder, CaKeyFileName);
        string serverPath = Path.Combine(folder, ServerFileName);
        created = !File.Exists(caKeyPath) || !File.Exists(serverPath);
        if (created)
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=AqNano local broker CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var newCa = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));

            using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=AqNano broker", serverKey, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            foreach (string host in hostNames)
            {
                if (System.Net.IPAddress.TryParse(host, out var ip)) names.AddIpAddress(ip); else names.AddDnsName(host);
            }
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            byte[] serial = RandomNumberGenerator.GetBytes(16);
            using var signed = request.Create(newCa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), serial);
            using var withKey = signed.CopyWithPrivateKey(serverKey);
            File.WriteAllBytes(serverPath, withKey.Export(X509ContentType.Pfx));
            File.WriteAllBytes(caKeyPath, newCa.Export(X509ContentType.Pfx));
            File.WriteAllText(Path.Combine(folder, CaFileName), newCa.ExportCertificatePem() + "\n");
        }
        ca = X509CertificateLoader.LoadCertificate(X509CertificateLoader.LoadPkcs12FromFile(caKeyPath, null).RawData);
        return X509CertificateLoader.LoadPkcs12FromFile(serverPath, null);
    }

    /// <summary>Loads a user-supplied PFX (with its key).</summary>
    public static X509Certificate2 LoadUserCertificate(string pfxPath, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password);
}
