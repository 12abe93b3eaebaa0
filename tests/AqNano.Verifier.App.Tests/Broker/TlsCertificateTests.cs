using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>The TLS listener serves the user's certificate when given one, else a local CA's, made once
/// and kept (DESIGN.md "Confidential path": the boards pin it).</summary>
public sealed class TlsCertificateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task The_broker_presents_the_users_own_certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var own = new CertificateRequest("CN=user-supplied", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string pfx = Path.Combine(_folder, "own.pfx");
        await File.WriteAllBytesAsync(pfx, own.Export(X509ContentType.Pfx, "pw"));
        int tlsPort = FreePort.Next();
        var verifier = new FakeVerifier();
        var options = new ServeOptions { MqttPort = FreePort.Next(), TlsPort = tlsPort, TlsCertificatePath = pfx, TlsCertificatePassword = "pw", DashboardPort = 0, StateFolder = _folder };
        await using var host = new VerifierHost(options, new VerifierBackend(verifier, verifier, verifier.Ledger), NullLoggerFactory.Instance, TimeProvider.System);
        await host.StartAsync();

        string? presented = null;
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", tlsPort)
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(c => { presented = c.Certificate.Subject; return true; })).Build());

        Assert.Equal("CN=user-supplied", presented);
        Assert.Null(host.CaCertificatePath);
    }

    [Fact]
    public void The_local_ca_is_made_once_and_signs_the_broker_certificate()
    {
        var first = LocalCertificateAuthority.LoadOrCreate(_folder, ["127.0.0.1"], out var ca, out bool created);
        var second = LocalCertificateAuthority.LoadOrCreate(_folder, ["127.0.0.1"], out var caAgain, out bool createdAgain);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(ca.Thumbprint, caAgain.Thumbprint);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal(ca.Subject, first.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(first), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(File.Exists(Path.Combine(_folder, LocalCertificateAuthority.CaFileName)));
    }
}
