using System.Net;
using AqNano.Verifier;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace AqNano.Dashboard.Tests;

/// <summary>A running `serve` (real verifier core, in-memory ledger, embedded broker on free ports,
/// dashboard on a free port) and a headless chromium. Screenshots go to the test output folder.</summary>
public sealed class DashboardSite : IAsyncDisposable
{
    public const string OperatorPassword = "op-browser";
    public const string ViewerPassword = "view-browser";
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-browser-").FullName;
    private IPlaywright _playwright = null!;

    public VerifierHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public int MqttPort { get; private set; }
    public int TlsPort { get; private set; }
    public FleetVerifier Verifier { get; private set; } = null!;
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <param name="clientTrust">When set, the TLS listener asks for client certificates (`serve --client-ca`).</param>
    public static async Task<DashboardSite> StartAsync(AqNano.Verifier.Evidence.CertificateTrust? clientTrust = null)
    {
        var site = new DashboardSite { MqttPort = FreePort.Next(), TlsPort = FreePort.Next() };
        var ledger = new InMemoryLedger();
        site.Verifier = new FleetVerifier(new VerifierPolicy(), ledger, TimeProvider.System);
        var options = new ServeOptions
        {
            MqttPort = site.MqttPort, TlsPort = site.TlsPort, DashboardPort = 0, StateFolder = site._folder,
            OperatorPassword = OperatorPassword, ViewerPassword = ViewerPassword, ClientTrust = clientTrust,
        };
        site.Host = new VerifierHost(options, new VerifierBackend(site.Verifier, site.Verifier, ledger), NullLoggerFactory.Instance, TimeProvider.System);
        await site.Host.StartAsync();
        site._playwright = await Playwright.CreateAsync();
        site.Browser = await site._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Executable, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
        return site;
    }

    public string Url(string path) => Host.Dashboard.Address + path;

    /// <summary>A fresh browser context (own cookies) logged in as <paramref name="user"/>.</summary>
    public async Task<IPage> LoginAsync(string user)
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", user == "operator" ? OperatorPassword : ViewerPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(Url("/"));
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public Task<TestClient> DeviceAsync(bool tls = false, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) =>
        TestClient.ConnectAsync(tls || certificate != null ? TlsPort : MqttPort, tls: tls, clientCertificate: certificate);

    public async ValueTask DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
