using System.Net;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>The embedded broker with a fake verifier on free loopback ports, plain and TLS
/// (a local CA made in a temp folder, as at a first start).</summary>
public sealed class BrokerHarness : IAsyncDisposable
{
    public const string ControllerPassword = "test-controller-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-broker-").FullName;

    private BrokerHarness() { }

    public FakeVerifier Verifier { get; } = new();
    public AppMetrics Metrics { get; } = new();
    public EmbeddedBroker Broker { get; private set; } = null!;
    public int Port { get; private set; }
    public int TlsPort { get; private set; }

    /// <summary>The local CA's certificate the TLS listener's certificate chains to (what boards pin).</summary>
    public string CaFile => Path.Combine(_folder, "tls", LocalCertificateAuthority.CaFileName);

    public static async Task<BrokerHarness> StartAsync(BrokerLimits? limits = null)
    {
        var harness = new BrokerHarness { Port = FreePort.Next(), TlsPort = FreePort.Next() };
        var certificate = LocalCertificateAuthority.LoadOrCreate(Path.Combine(harness._folder, "tls"), ["127.0.0.1", "localhost"], out _, out _);
        var options = new EmbeddedBrokerOptions
        {
            Listen = IPAddress.Loopback, Port = harness.Port, TlsPort = harness.TlsPort,
            TlsCertificate = certificate, ControllerPassword = ControllerPassword,
            Limits = limits ?? new BrokerLimits(),
        };
        harness.Broker = new EmbeddedBroker(options, harness.Verifier, harness.Metrics, TimeProvider.System, NullLogger.Instance);
        await harness.Broker.StartAsync();
        return harness;
    }

    public Task<TestClient> DeviceAsync(string? clientId = null, bool tls = false) =>
        TestClient.ConnectAsync(tls ? TlsPort : Port, clientId, tls: tls);

    public Task<TestClient> ControllerAsync() =>
        TestClient.ConnectAsync(Port, user: EmbeddedBroker.ControllerUserName, password: ControllerPassword);

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
