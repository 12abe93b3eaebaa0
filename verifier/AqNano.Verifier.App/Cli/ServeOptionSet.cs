using System.CommandLine;
using System.Net;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.App.Cli;

/// <summary>The options `serve` and `demo` share, and their checking into <see cref="ServeOptions"/>.</summary>
public sealed class ServeOptionSet
{
    public Option<string?> Broker { get; } = new("--broker") { Description = "Use an external broker (mqtt://host:port) instead of the embedded one." };
    public Option<string?> BrokerUser { get; } = new("--broker-user") { Description = "User name at the external broker." };
    public Option<string?> BrokerPassword { get; } = new("--broker-password") { Description = "Password at the external broker." };
    public Option<string> Listen { get; } = new("--listen") { Description = "Address the embedded broker listens on (0.0.0.0 for boards on the LAN).", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<int> Port { get; } = new("--port") { Description = "Plain MQTT port of the embedded broker.", DefaultValueFactory = _ => 1883 };
    public Option<int> TlsPort { get; } = new("--tls-port") { Description = "TLS MQTT port of the embedded broker (0: off).", DefaultValueFactory = _ => 8883 };
    public Option<string?> TlsCertificate { get; } = new("--tls-cert") { Description = "PFX file with the broker's certificate and key (default: a local CA made at first start)." };
    public Option<string?> TlsPassword { get; } = new("--tls-cert-password") { Description = "Password of the PFX file." };
    public Option<string?> ClientCa { get; } = new("--client-ca") { Description = "PEM file of trusted issuers of device client certificates: the TLS listener asks for one (never requires it) and the verifier weighs it (docs/ADOPTION.md)." };
    public Option<string?> Crl { get; } = new("--crl") { Description = "X.509 CRL (PEM or DER) signed by a --client-ca issuer: certificates it lists count as revoked." };
    public Option<string?> Ledger { get; } = new("--ledger") { Description = "SQLite ledger file (default: ~/.local/share/aqnano/ledger.db)." };
    public Option<string?> Policy { get; } = new("--policy") { Description = "Policy JSON file (zones, thresholds, allowlist, witnesses)." };
    public Option<string> DashboardListen { get; } = new("--dashboard-listen") { Description = "Address the dashboard listens on.", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<int> DashboardPort { get; } = new("--dashboard-port") { Description = "Dashboard HTTP port.", DefaultValueFactory = _ => 8080 };
    public Option<string?> OperatorPassword { get; } = new("--operator-password") { Description = "Dashboard password of user 'operator' (default: generated and printed)." };
    public Option<string?> ViewerPassword { get; } = new("--viewer-password") { Description = "Dashboard password of user 'viewer' (default: generated and printed)." };
    public Option<string?> ControllerPassword { get; } = new("--controller-password") { Description = "MQTT password of user 'controller' for downlink app traffic (default: generated and printed)." };
    public Option<int> MaxPayload { get; } = new("--max-payload") { Description = "Largest MQTT publish payload the embedded broker takes, in bytes.", DefaultValueFactory = _ => new BrokerLimits().MaxPayloadBytes };
    public Option<double> PublishRate { get; } = new("--publish-rate") { Description = "Sustained publishes per second per MQTT client (the controller is exempt).", DefaultValueFactory = _ => new BrokerLimits().PublishesPerSecond };
    public Option<int> PublishBurst { get; } = new("--publish-burst") { Description = "Publishes a client may send at once before --publish-rate applies.", DefaultValueFactory = _ => new BrokerLimits().PublishBurst };
    public Option<int> MaxConnections { get; } = new("--max-connections") { Description = "Live MQTT connections the embedded broker accepts.", DefaultValueFactory = _ => new BrokerLimits().MaxConnections };
    public Option<int> MaxRetained { get; } = new("--max-retained") { Description = "Topics outside aq/ that may hold a retained message on the embedded broker.", DefaultValueFactory = _ => new BrokerLimits().MaxRetainedTopics };
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Npgsql connection string: device state and ledger in PostgreSQL instead of SQLite (migrations run on start)." };
    public Option<string?> WorkerId { get; } = new("--worker-id") { Description = "Worker mode: this worker's unique name; judges only the partitions it leases (needs --postgres and --broker)." };
    public Option<int> Partitions { get; } = new("--partitions") { Description = "Worker mode: partition count, the same for every worker.", DefaultValueFactory = _ => AqNano.Verifier.Partitions.DevicePartitions.DefaultCount };
    public Option<double> LeaseTtl { get; } = new("--lease-ttl") { Description = "Worker mode: seconds a partition lease lasts unless renewed.", DefaultValueFactory = _ => 10 };
    public Option<double> AnchorEvery { get; } = new("--anchor-every") { Description = "With --postgres: seconds between anchors of every partition's head into the fleet chain (docs/SCALING.md); records after the newest anchor are the window a truncation could remove unseen.", DefaultValueFactory = _ => 10 };
    public Option<double> LeaseRenew { get; } = new("--lease-renew") { Description = "Worker mode: seconds between lease renewals (at most half the TTL).", DefaultValueFactory = _ => 3 };
    public Option<string?> SharedGroup { get; } = new("--shared-group") { Description = "Worker mode without leases: subscribe $share/NAME/aq/v1/dev/+/obs (MQTT 5; only on brokers with per-publisher affinity such as EMQX hash or HiveMQ, never Mosquitto)." };
    public Option<bool> JsonLogs { get; } = new("--json-logs") { Description = "Structured logs as JSON lines on stderr." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Broker, BrokerUser, BrokerPassword, Listen, Port, TlsPort, TlsCertificate, TlsPassword, ClientCa, Crl,
                     Ledger, Policy, DashboardListen, DashboardPort, OperatorPassword, ViewerPassword, ControllerPassword,
                     MaxPayload, PublishRate, PublishBurst, MaxConnections, MaxRetained, Postgres, AnchorEvery, WorkerId, Partitions, LeaseTtl, LeaseRenew,
                     SharedGroup, JsonLogs })
        {
            command.Add(option);
        }
    }

    /// <summary>Checks every argument; on failure <paramref name="error"/> says which and why.</summary>
    public bool TryBuild(ParseResult result, string? defaultLedger, out ServeOptions options, out string ledgerPath,
        out VerifierPolicy policy, out string policySource, out string error)
    {
        options = null!;
        ledgerPath = "";
        policySource = "";
        Uri? broker = null;
        if (!BackendFactory.TryLoadPolicy(result.GetValue(Policy), out policy, out policySource, out error)) return false;
        if (result.GetValue(Broker) is { } brokerText && !BrokerAddress.TryParse(brokerText, out broker, out error)) return false;
        if (!TryAddress(result.GetValue(Listen)!, "--listen", out var listen, out error)) return false;
        if (!TryAddress(result.GetValue(DashboardListen)!, "--dashboard-listen", out var dashboardListen, out error)) return false;
        foreach (var (option, allowZero) in new[] { (Port, false), (TlsPort, true), (DashboardPort, false) })
        {
            int port = result.GetValue(option);
            if (port < (allowZero ? 0 : 1) || port > 65535) { error = $"{option.Name} must be a port number, not {port}"; return false; }
        }
        var limits = new BrokerLimits
        {
            MaxPayloadBytes = result.GetValue(MaxPayload), PublishesPerSecond = result.GetValue(PublishRate),
            PublishBurst = result.GetValue(PublishBurst), MaxConnections = result.GetValue(MaxConnections),
            MaxRetainedTopics = result.GetValue(MaxRetained),
        };
        if (limits.Problem() is { } problem) { error = problem; return false; }
        string? tlsCertificate = result.GetValue(TlsCertificate);
        if (tlsCertificate != null && !PathArguments.TryExistingFile(tlsCertificate, out tlsCertificate, out error)) return false;
        if (!TryClientTrust(result, broker, out var clientTrust, out error)) return false;
        string? postgres = result.GetValue(Postgres);
        if (postgres != null && IsGiven(Ledger)) { error = "--ledger names a SQLite file; with --postgres the ledger is in PostgreSQL"; return false; }
        if (!TryWorker(result, postgres, broker, out var worker, out error)) return false;
        double anchorEvery = result.GetValue(AnchorEvery);
        if (postgres == null && IsGiven(AnchorEvery)) { error = "--anchor-every needs --postgres (a SQLite ledger is one chain, with nothing to anchor)"; return false; }
        if (!double.IsFinite(anchorEvery) || anchorEvery < 0.1 || anchorEvery > 86400) { error = "--anchor-every is seconds, from 0.1 to 86400"; return false; }
        string? given = result.GetValue(Ledger);
        if (!PathArguments.TryWritableFile(given ?? defaultLedger ?? DataPaths.DefaultLedger(), createFolder: given == null, out ledgerPath, out error)) return false;
        options = new ServeOptions
        {
            ExternalBroker = broker, ExternalUser = result.GetValue(BrokerUser), ExternalPassword = result.GetValue(BrokerPassword),
            ExternalPath = policy.ExternalBrokerPath, Listen = listen, MqttPort = result.GetValue(Port), TlsPort = result.GetValue(TlsPort),
            TlsCertificatePath = tlsCertificate, TlsCertificatePassword = result.GetValue(TlsPassword), ClientTrust = clientTrust,
            DashboardListen = dashboardListen, DashboardPort = result.GetValue(DashboardPort),
            StateFolder = Path.GetDirectoryName(ledgerPath)!, OperatorPassword = result.GetValue(OperatorPassword),
            ViewerPassword = result.GetValue(ViewerPassword), ControllerPassword = result.GetValue(ControllerPassword),
            BrokerLimits = limits, Postgres = postgres, Worker = worker, AnchorInterval = TimeSpan.FromSeconds(anchorEvery),
        };
        return true;

        bool IsGiven(Option option) => result.GetResult(option) is { Implicit: false };
    }

    /// <summary>Worker mode needs PostgreSQL (shared state, ledger, leases) and an external broker (every worker
    /// must see the frames); its tuning options mean nothing without --worker-id.</summary>
    private bool TryWorker(ParseResult result, string? postgres, Uri? broker, out Workers.WorkerOptions? worker, out string error)
    {
        worker = null;
        error = "";
        string? id = result.GetValue(WorkerId);
        if (id == null)
        {
            foreach (Option option in new Option[] { Partitions, LeaseTtl, LeaseRenew, SharedGroup })
            {
                if (result.GetResult(option) is { Implicit: false }) { error = $"{option.Name} needs --worker-id (worker mode)"; return false; }
            }
            return true;
        }
        if (postgres == null) { error = "--worker-id needs --postgres: workers share device state, ledger and leases there"; return false; }
        if (broker == null) { error = "--worker-id needs --broker mqtt://host:port: every worker connects to the same external broker"; return false; }
        double ttl = result.GetValue(LeaseTtl), renew = result.GetValue(LeaseRenew);
        if (!double.IsFinite(ttl) || !double.IsFinite(renew) || ttl > 3600 || renew > 3600) { error = "--lease-ttl and --lease-renew are seconds, at most 3600"; return false; }
        var options = new Workers.WorkerOptions
        {
            WorkerId = id, PartitionCount = result.GetValue(Partitions), LeaseTtl = TimeSpan.FromSeconds(ttl),
            RenewEvery = TimeSpan.FromSeconds(renew), SharedGroup = result.GetValue(SharedGroup),
        };
        options = options with { ReplayWindow = TimeSpan.FromTicks(Math.Max(options.ReplayWindow.Ticks, options.LeaseTtl.Ticks * 3)) };
        if (options.Problem() is { } problem) { error = problem; return false; }
        worker = options;
        return true;
    }

    /// <summary>Client certificates are read at the embedded broker's TLS handshake, so they need that listener.</summary>
    private bool TryClientTrust(ParseResult result, Uri? broker, out Evidence.CertificateTrust? trust, out string error)
    {
        trust = null;
        error = "";
        string? issuers = result.GetValue(ClientCa), crl = result.GetValue(Crl);
        if (issuers == null)
        {
            if (crl != null) error = "--crl needs --client-ca (the issuers whose revocations it lists)";
            return crl == null;
        }
        if (broker != null) { error = "--client-ca needs the embedded broker's TLS listener (not with --broker)"; return false; }
        if (result.GetValue(TlsPort) == 0) { error = "--client-ca needs the TLS listener (--tls-port is 0)"; return false; }
        if (!PathArguments.TryExistingFile(issuers, out issuers, out error)) return false;
        if (crl != null && !PathArguments.TryExistingFile(crl, out crl, out error)) return false;
        if (!Evidence.CertificateTrust.TryLoad(issuers, crl, out var loaded, out error)) return false;
        trust = loaded;
        return true;
    }

    private static bool TryAddress(string text, string name, out IPAddress address, out string error)
    {
        error = "";
        if (text == "localhost") { address = IPAddress.Loopback; return true; }
        if (IPAddress.TryParse(text, out address!)) return true;
        error = $"{name} must be an IP address such as 127.0.0.1 or 0.0.0.0, not '{text}'";
        return false;
    }
}
