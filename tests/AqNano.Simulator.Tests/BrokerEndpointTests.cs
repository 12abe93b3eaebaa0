using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Tests;

/// <summary>Boards over TLS with the broker's CA pinned (DESIGN.md "Confidential path"): mqtts:// needs the CA,
/// the broker's certificate must chain to it alone, and the path the broker sees is confidential.</summary>
public sealed class BrokerEndpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-sim-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Mqtts_needs_a_readable_ca_and_plain_mqtt_refuses_one()
    {
        string ca = WriteCa(MakeCa("CN=test CA"), "ca.crt");

        Assert.False(BrokerEndpoint.TryParse("mqtts://127.0.0.1:8883", null, out _, out string noCa));
        Assert.Contains("needs --ca", noCa);
        Assert.False(BrokerEndpoint.TryParse("mqtt://127.0.0.1:1883", ca, out _, out string caOnPlain));
        Assert.Contains("mqtts://", caOnPlain);
        Assert.False(BrokerEndpoint.TryParse("mqtts://127.0.0.1", Path.Combine(_folder, "missing.crt"), out _, out string missing));
        Assert.Contains("cannot read the CA certificate", missing);
        Assert.True(BrokerEndpoint.TryParse("mqtts://broker.local", ca, out BrokerEndpoint endpoint, out _));
        Assert.Equal(("broker.local", 8883, LinkPath.Confidential), (endpoint.Host, endpoint.Port, endpoint.Path));
    }

    [Fact]
    public async Task A_board_connects_through_the_pinned_ca_and_refuses_a_broker_signed_by_another()
    {
        using X509Certificate2 ca = MakeCa("CN=plant broker CA");
        using X509Certificate2 server = MakeServer(ca, "127.0.0.1");
        await using LoopbackBroker broker = await LoopbackBroker.StartAsync(server);
        Assert.True(BrokerEndpoint.TryParse($"mqtts://127.0.0.1:{broker.Port}", WriteCa(ca, "ca.crt"), out BrokerEndpoint pinned, out _));
        Assert.True(BrokerEndpoint.TryParse($"mqtts://127.0.0.1:{broker.Port}", WriteCa(MakeCa("CN=someone else"), "other.crt"), out BrokerEndpoint other, out _));

        using (MqttUplink board = MqttUplink.Connect(pinned, "tls-board"))
        {
            Assert.True(board.Publish("aq/v1/dev/0102030405060708/obs", [1, 2, 3], 0, 3, false));
        }
        MqttTransportException refusal = Assert.Throws<MqttTransportException>(() => MqttUplink.Connect(other, "tls-board-2"));
        Assert.Contains($"mqtts://127.0.0.1:{broker.Port}", refusal.Message);
        Assert.Contains(broker.Published, p => p.ClientId == "tls-board");
    }

    private string WriteCa(X509Certificate2 ca, string name)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, ca.ExportCertificatePem());
        return path;
    }

    private static X509Certificate2 MakeCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 MakeServer(X509Certificate2 ca, string ip)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test broker", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Parse(ip));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);
        // Through PFX: SslStream on Linux wants a certificate whose key it can export.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
