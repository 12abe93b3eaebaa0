using System.Net;
using AqNano.Verifier.App.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>The whole `serve` (embedded broker, dashboard, ticker) around the fake verifier, on free
/// loopback ports, with known dashboard passwords.</summary>
public sealed class HostHarness : IAsyncDisposable
{
    public const string OperatorPassword = "op-secret";
    public const string ViewerPassword = "view-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-host-").FullName;

    public FakeVerifier Verifier { get; } = new();
    public VerifierHost Host { get; private set; } = null!;
    public int MqttPort { get; private set; }
    public string DashboardUrl => Host.Dashboard.Address;

    public static async Task<HostHarness> StartAsync()
    {
        var harness = new HostHarness { MqttPort = FreePort.Next() };
        var options = new ServeOptions
        {
            MqttPort = harness.MqttPort, TlsPort = FreePort.Next(), DashboardPort = 0, StateFolder = harness._folder,
            OperatorPassword = OperatorPassword, ViewerPassword = ViewerPassword, ControllerPassword = BrokerHarness.ControllerPassword,
        };
        var backend = new VerifierBackend(harness.Verifier, harness.Verifier, harness.Verifier.Ledger);
        harness.Host = new VerifierHost(options, backend, NullLoggerFactory.Instance, TimeProvider.System);
        await harness.Host.StartAsync();
        return harness;
    }

    public Task<TestClient> DeviceAsync() => TestClient.ConnectAsync(MqttPort);

    /// <summary>An HTTP client with its own cookie jar, logged in as <paramref name="user"/> unless null.</summary>
    public async Task<HttpClient> BrowserAsync(string? user, string? password = null)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(DashboardUrl) };
        if (user != null)
        {
            using var login = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = user, ["password"] = password ?? (user == "operator" ? OperatorPassword : ViewerPassword) }),
            };
            login.Headers.Add("Origin", DashboardUrl);
            var response = await client.SendAsync(login);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
