using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Dashboard;
using AqNano.Verifier.App.Ingest;
using AqNano.Verifier.App.Metrics;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Hosting;

/// <summary>`serve` as an object: the broker (embedded, or a client of an external one), the
/// dashboard, and the timer that lets the verifier judge time-driven rules (missed links,
/// candidate promotion, keep periods: IVerifier.Tick) and publishes what changed.</summary>
public sealed class VerifierHost : IAsyncDisposable
{
    private readonly ServeOptions _options;
    private readonly VerifierBackend _backend;
    private readonly ILoggerFactory _logs;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private EmbeddedBroker? _embedded;
    private ExternalBrokerClient? _external;
    private Task? _ticker;
    private Task? _anchorer;
    private Workers.PartitionRouter? _router;
    private Workers.PartitionWorker? _worker;

    public VerifierHost(ServeOptions options, VerifierBackend backend, ILoggerFactory logs, TimeProvider clock)
    {
        _options = options;
        _backend = backend;
        _logs = logs;
        _clock = clock;
        Users = [new DashboardUser("operator", options.OperatorPassword ?? Secrets.Generate(), DashboardUser.Operator),
                 new DashboardUser("viewer", options.ViewerPassword ?? Secrets.Generate(), DashboardUser.Viewer)];
        ControllerPassword = options.ControllerPassword ?? Secrets.Generate();
    }

    public AppMetrics Metrics { get; } = new();
    public IFleetView Fleet => _backend.Fleet;
    public ServeOptions Options => _options;
    public IReadOnlyList<DashboardUser> Users { get; }
    public string ControllerPassword { get; }
    public DashboardServer Dashboard { get; private set; } = null!;
    public FrameIngest Ingest { get; private set; } = null!;
    /// <summary>The local CA's certificate (PEM) the boards pin, when this start made or loaded one.</summary>
    public string? CaCertificatePath { get; private set; }
    /// <summary>SHA-256 of that CA certificate, hex, for checking a pinned copy by eye.</summary>
    public string? CaFingerprint { get; private set; }

    public async Task StartAsync()
    {
        var logger = _logs.CreateLogger("aqnano");
        if (_options.ExternalBroker == null)
        {
            var certificate = LoadTlsCertificate(logger);
            _embedded = new EmbeddedBroker(new EmbeddedBrokerOptions
            {
                Listen = _options.Listen, Port = _options.MqttPort, TlsPort = _options.TlsPort,
                TlsCertificate = certificate, ControllerPassword = ControllerPassword, Limits = _options.BrokerLimits,
                ClientTrust = _options.ClientTrust,
            }, _backend.Verifier, Metrics, _clock, _logs.CreateLogger("aqnano.broker"));
            Ingest = _embedded.Ingest;
            await _embedded.StartAsync();
            if (_options.ClientTrust is { } trust)
            {
                if (trust.RevocationFile is { } crl) crl.Changed += message => logger.LogWarning("{Message}", message);
                logger.LogInformation("client certificates asked for (never required) on the TLS listener: {Issuers} trusted issuer(s), {Revoked} revoked serial(s)",
                    trust.Issuers.Count, trust.RevokedCount);
            }
        }
        else
        {
            _external = new ExternalBrokerClient(_options.ExternalBroker, _options.ExternalUser, _options.ExternalPassword,
                _options.ExternalPath, _logs.CreateLogger("aqnano.ingest"), _options.Worker?.WorkerId, _options.Worker?.SharedGroup);
            Ingest = new FrameIngest(_backend.Verifier, _external, Metrics, _clock, _logs.CreateLogger("aqnano.ingest"));
            _external.Ingest = Ingest;
            if (_backend.Worker is { } worker) _external.Router = _router = CreateRouter(worker);
            await _external.StartAsync();
            // After subscribing: frames of partitions not yet taken are kept meanwhile and replayed on taking them.
            if (_backend.Worker is { Options.SharedGroup: null } leased)
            {
                _worker = new Workers.PartitionWorker(leased.Leases, _router!, leased.Options, Metrics.Worker!, _logs.CreateLogger("aqnano.worker"));
                _worker.Start();
            }
        }
        Dashboard = new DashboardServer(new DashboardOptions { Listen = _options.DashboardListen, Port = _options.DashboardPort, Users = Users },
            _backend.Verifier, _backend.Fleet, _backend.Ledger, Ingest.Publish, Metrics, _clock);
        await Dashboard.StartAsync();
        _ticker = Task.Run(TickAsync);
        if (_backend.Anchor != null) _anchorer = Task.Run(AnchorAsync);
    }

    /// <summary>Anchors the partitions' heads into the fleet chain now and then (docs/SCALING.md "The trade-off"):
    /// what lies before an anchor cannot be cut off unseen. A failed anchor is logged and retried at the next
    /// tick; it loses nothing (every record is already durable in its partition's chain).</summary>
    private async Task AnchorAsync()
    {
        var logger = _logs.CreateLogger("aqnano.ledger");
        using var timer = new PeriodicTimer(_options.AnchorInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) AnchorOnce(logger);
        }
        catch (OperationCanceledException) { }
    }

    private void AnchorOnce(ILogger logger)
    {
        try
        {
            long sequence = _backend.Anchor!(_clock.GetUtcNow().ToUnixTimeMilliseconds());
            logger.LogDebug("fleet anchor #{Sequence}", sequence);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            logger.LogWarning("could not anchor the ledger's partitions: {Reason}", failure.Message);
        }
    }

    private Workers.PartitionRouter CreateRouter(Workers.WorkerBackend worker)
    {
        Metrics.Worker = new Workers.WorkerMetrics(worker.Options.WorkerId, worker.Options.PartitionCount);
        return new Workers.PartitionRouter(worker.Verifier, worker.Options, Metrics.Worker, _options.ExternalPath, _clock,
            _logs.CreateLogger("aqnano.worker")) { Ingest = Ingest, SharedGroup = worker.Options.SharedGroup != null };
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2? LoadTlsCertificate(ILogger logger)
    {
        if (_options.TlsPort == 0) return null;
        if (_options.TlsCertificatePath != null)
        {
            return LocalCertificateAuthority.LoadUserCertificate(_options.TlsCertificatePath, _options.TlsCertificatePassword);
        }
        string folder = Path.Combine(_options.StateFolder, "tls");
        var hosts = new List<string> { "localhost", "127.0.0.1", Environment.MachineName };
        if (!_options.Listen.Equals(System.Net.IPAddress.Any) && !_options.Listen.Equals(System.Net.IPAddress.Loopback)) hosts.Add(_options.Listen.ToString());
        var certificate = LocalCertificateAuthority.LoadOrCreate(folder, hosts, out var ca, out bool created);
        CaCertificatePath = Path.Combine(folder, LocalCertificateAuthority.CaFileName);
        CaFingerprint = ca.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        logger.LogInformation("{What} local CA {Path} (SHA-256 {Fingerprint}): pin it in the boards' settings",
            created ? "made a new" : "using the", CaCertificatePath, ca.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        return certificate;
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var changed = _router != null ? _router.Tick(_backend.Verifier) : _backend.Verifier.Tick();
                foreach (var judgement in changed) Ingest.Publish(judgement);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_ticker != null) await _ticker;
        if (_anchorer != null) await _anchorer;
        if (_worker != null) await _worker.DisposeAsync();
        if (Dashboard != null) await Dashboard.DisposeAsync();
        if (_embedded != null) await _embedded.DisposeAsync();
        if (_external != null) await _external.DisposeAsync();
        // Nothing more is judged here: one last anchor covers everything this process wrote.
        if (_backend.Anchor != null) AnchorOnce(_logs.CreateLogger("aqnano.ledger"));
    }
}
