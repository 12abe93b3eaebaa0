using System.Security.Cryptography.X509Certificates;
using AqNano.Verifier.Evidence;

namespace AqNano.Verifier.Tests;

/// <summary>Turning a presented certificate into evidence against `--client-ca` and `--crl` (issue 9 item 1):
/// a test CA issues valid, expired and revoked certificates, a foreign CA issues one more; CRLs in DER and PEM,
/// and the bad configuration `serve` must refuse to start with.</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = new("Plant CA");
    private readonly TestCertificateAuthority _foreign = new("Foreign CA");
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-trust-").FullName;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public void EachCertificateCaseGetsItsStatus()
    {
        using X509Certificate2 valid = _ca.IssueValid("pump-1");
        using X509Certificate2 expired = _ca.Issue("pump-2", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        using X509Certificate2 revoked = _ca.IssueValid("pump-3");
        using X509Certificate2 foreign = _foreign.IssueValid("pump-4");
        var trust = new CertificateTrust([_ca.Certificate], Parse(_ca.RevocationList(revoked)));

        CertificateEvidence evidence = trust.Evaluate(valid);
        Assert.Equal(CertificateStatus.Valid, evidence.StatusAt(Now));
        Assert.Equal("CN=pump-1, O=Plant PKI", evidence.Subject);
        Assert.Equal("CN=Plant CA", evidence.Issuer);
        Assert.Equal(valid.SerialNumber.ToLowerInvariant(), evidence.SerialNumberHex);
        Assert.Equal(valid.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant(), evidence.ThumbprintSha256Hex);
        Assert.Equal(CertificateStatus.Expired, trust.Evaluate(expired).StatusAt(Now));
        Assert.Equal(CertificateStatus.Revoked, trust.Evaluate(revoked).StatusAt(Now));
        Assert.Equal(CertificateStatus.UntrustedIssuer, trust.Evaluate(foreign).StatusAt(Now));
        // The validity period is judged at the decision's time, not at the handshake's.
        Assert.Equal(CertificateStatus.Expired, evidence.StatusAt(evidence.NotAfterUnixMs + 1));
        Assert.Equal(CertificateStatus.NotYetValid, evidence.StatusAt(evidence.NotBeforeUnixMs - 1));
    }

    [Fact]
    public void A_revocation_list_past_its_next_update_no_longer_vouches_for_a_certificate()
    {
        using X509Certificate2 certificate = _ca.IssueValid("pump-5");
        using X509Certificate2 revoked = _ca.IssueValid("pump-6");
        using X509Certificate2 foreign = _foreign.IssueValid("pump-7");
        DateTimeOffset due = DateTimeOffset.UtcNow.AddHours(-1);
        var stale = new CertificateTrust([_ca.Certificate, _foreign.Certificate], Parse(_ca.RevocationList(due, revoked)));
        var fresh = new CertificateTrust([_ca.Certificate], Parse(_ca.RevocationList(revoked)));

        CertificateEvidence evidence = stale.Evaluate(certificate);

        Assert.Equal(CertificateStatus.RevocationUnknown, evidence.StatusAt(Now));
        Assert.Equal("revocation-unknown", CertificateStatusNames.Of(evidence.StatusAt(Now)));
        Assert.Equal(CertificateStatus.Valid, evidence.StatusAt(due.ToUnixTimeMilliseconds() - 1000)); // before the list was due (a CRL time has whole seconds)
        Assert.Equal(CertificateStatus.Revoked, stale.Evaluate(revoked).StatusAt(Now)); // a listed serial stays revoked
        Assert.Equal(CertificateStatus.Valid, stale.Evaluate(foreign).StatusAt(Now)); // no list of that issuer: nothing stale
        Assert.Equal(CertificateStatus.Valid, fresh.Evaluate(certificate).StatusAt(Now));
    }

    [Fact]
    public void TrustLoadsIssuersAndACrlInPemOrDer()
    {
        using X509Certificate2 revoked = _ca.IssueValid("pump-5");
        using X509Certificate2 kept = _ca.IssueValid("pump-6");
        byte[] der = _ca.RevocationList(revoked);
        string issuers = Write("issuers.pem", _foreign.Pem + _ca.Pem);
        string derPath = Path.Combine(_folder, "plant.crl");
        File.WriteAllBytes(derPath, der);
        foreach (string crl in new[] { derPath, Write("plant-crl.pem", TestCertificateAuthority.CrlPem(der)) })
        {
            Assert.True(CertificateTrust.TryLoad(issuers, crl, out CertificateTrust trust, out string error), error);
            Assert.Equal(2, trust.Issuers.Count);
            Assert.Equal(1, trust.RevokedCount);
            Assert.Equal(CertificateStatus.Revoked, trust.Evaluate(revoked).StatusAt(Now));
            Assert.Equal(CertificateStatus.Valid, trust.Evaluate(kept).StatusAt(Now));
        }
    }

    [Fact]
    public void AnIntermediateIssuerCountsWithItsRootInTheIssuerFile()
    {
        using var intermediate = new TestCertificateAuthority("Plant Issuing CA", _ca);
        using X509Certificate2 device = intermediate.IssueValid("pump-8");
        using X509Certificate2 revoked = intermediate.IssueValid("pump-9");
        string issuers = Write("chain.pem", intermediate.Pem + _ca.Pem);
        string crl = Write("issuing.crl.pem", TestCertificateAuthority.CrlPem(intermediate.RevocationList(revoked)));
        Assert.True(CertificateTrust.TryLoad(issuers, crl, out CertificateTrust trust, out string error), error);
        Assert.Equal(CertificateStatus.Valid, trust.Evaluate(device).StatusAt(Now));
        Assert.Equal(CertificateStatus.Revoked, trust.Evaluate(revoked).StatusAt(Now));
        // The intermediate alone, without the root that anchors it, is not trust.
        Assert.True(CertificateTrust.TryLoad(Write("intermediate-only.pem", intermediate.Pem), null, out CertificateTrust partial, out error), error);
        Assert.Equal(CertificateStatus.UntrustedIssuer, partial.Evaluate(device).StatusAt(Now));
    }

    [Fact]
    public void AChangedCrlFileIsReadAgainAndABrokenReplacementKeepsTheListInForce()
    {
        using X509Certificate2 device = _ca.IssueValid("pump-10");
        string crl = Write("plant.crl.pem", TestCertificateAuthority.CrlPem(_ca.RevocationList()));
        Assert.True(CertificateTrust.TryLoad(Write("issuers.pem", _ca.Pem), crl, out CertificateTrust trust, out string error), error);
        var messages = new List<string>();
        trust.RevocationFile!.Changed += messages.Add;
        Assert.Equal(CertificateStatus.Valid, trust.Evaluate(device).StatusAt(Now));
        Assert.Empty(messages); // unchanged: not read again

        File.WriteAllText(crl, TestCertificateAuthority.CrlPem(_ca.RevocationList(device)));
        Assert.Equal(CertificateStatus.Revoked, trust.Evaluate(device).StatusAt(Now));
        Assert.Contains("reloaded: 1 revoked serial", Assert.Single(messages));

        File.WriteAllText(crl, TestCertificateAuthority.CrlPem(_foreign.RevocationList()));
        Assert.Equal(CertificateStatus.Revoked, trust.Evaluate(device).StatusAt(Now));
        Assert.Contains("the previous list stays in force", messages.Last());
        Assert.Equal(2, messages.Count);
        trust.Evaluate(device);
        Assert.Equal(2, messages.Count); // the broken file is not parsed again at every connect
    }

    [Fact]
    public void AnRsaIssuersCrlIsVerifiedToo()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("CN=Plant RSA CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 rsaCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry([0x10, 0x00]);
        byte[] der = builder.Build(rsaCa, System.Numerics.BigInteger.One, DateTimeOffset.UtcNow.AddDays(7),
            System.Security.Cryptography.HashAlgorithmName.SHA384, System.Security.Cryptography.RSASignaturePadding.Pkcs1);

        Assert.True(CertificateRevocationList.TryParse(der, [rsaCa], out CertificateRevocationList crl, out string error), error);
        Assert.True(crl.Contains(rsaCa.SubjectName, [0x10, 0x00]));
        Assert.True(crl.Contains(rsaCa.SubjectName, [0x00, 0x10, 0x00])); // an INTEGER's sign byte does not matter
        Assert.False(crl.Contains(rsaCa.SubjectName, [0x10, 0x01]));
        Assert.False(crl.Contains(_ca.Certificate.SubjectName, [0x10, 0x00])); // another issuer's serial
        der[^3] ^= 0x01;
        Assert.False(CertificateRevocationList.TryParse(der, [rsaCa], out _, out error));
        Assert.Contains("signature", error);
    }

    [Fact]
    public void BadTrustConfigurationIsRefusedWithAClearError()
    {
        string issuers = Write("issuers.pem", _ca.Pem);
        Assert.False(CertificateTrust.TryLoad(Write("empty.pem", "no certificates here\n"), null, out _, out string error));
        Assert.Contains("no PEM certificate", error);
        // A CRL signed by an issuer nobody trusts could revoke anything: refused.
        using X509Certificate2 victim = _ca.IssueValid("pump-7");
        string foreignCrl = Write("foreign.pem", TestCertificateAuthority.CrlPem(_foreign.RevocationList(victim)));
        Assert.False(CertificateTrust.TryLoad(issuers, foreignCrl, out _, out error));
        Assert.Contains("not among the trusted issuers", error);
        // A CRL whose signature does not verify (one bit of the signature flipped).
        byte[] tampered = _ca.RevocationList(victim);
        tampered[^5] ^= 0x01;
        Assert.False(CertificateRevocationList.TryParse(tampered, [_ca.Certificate], out _, out error));
        Assert.Contains("signature", error);
        Assert.False(CertificateTrust.TryLoad(issuers, Write("garbage.pem", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"), out _, out error));
        Assert.Contains("--crl", error);
        Assert.False(CertificateTrust.TryLoad(issuers, Path.Combine(_folder, "missing.crl"), out _, out error));
    }

    private CertificateRevocationList Parse(byte[] der)
    {
        Assert.True(CertificateRevocationList.TryParse(der, [_ca.Certificate], out CertificateRevocationList crl, out string error), error);
        return crl;
    }

    public void Dispose()
    {
        _ca.Dispose();
        _foreign.Dispose();
        Directory.Delete(_folder, true);
    }
}
