using System.Net;

namespace AqNano.Verifier.App.Hosting;

/// <summary>Everything `aqnano serve` needs, after the CLI has checked it.</summary>
public sealed record ServeOptions
{
    /// <summary>Null: the embedded broker. Else mqtt://host:port of an external broker.</summary>
    public Uri? ExternalBroker { get; init; }
    public string? ExternalUser { get; init; }
    public string? ExternalPassword { get; init; }
    /// <summary>The deployment's path mode behind an external broker (DESIGN.md: "the policy states it").</summary>
    public PathMode ExternalPath { get; init; } = PathMode.Open;
    public IPAddress Listen { get; init; } = IPAddress.Loopback;
    public int MqttPort { get; init; } = 1883;
    /// <summary>0 turns the TLS listener off.</summary>
    public int TlsPort { get; init; } = 8883;
    public string? TlsCertificatePath { get; init; }
    public string? TlsCertificatePassword { get; init; }
    /// <summary>`--client-ca` and `--crl`: the TLS listener asks for client certificates and the verifier weighs them.</summary>
    public Evidence.CertificateTrust? ClientTrust { get; init; }
    public IPAddress DashboardListen { get; init; } = IPAddress.Loopback;
    public int DashboardPort { get; init; } = 8080;
    /// <summary>Where the local CA and other state live (next to the ledger by default).</summary>
    public required string StateFolder { get; init; }
    public string? OperatorPassword { get; init; }
    public string? ViewerPassword { get; init; }
    public string? ControllerPassword { get; init; }
    /// <summary>The embedded broker's per-client and connection limits (issue 7 item 5).</summary>
    public Broker.BrokerLimits BrokerLimits { get; init; } = new();
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Npgsql connection string: device state and ledger in PostgreSQL instead of SQLite.</summary>
    public string? Postgres { get; init; }
    /// <summary>Worker mode (needs <see cref="Postgres"/> and an external broker); null for a single verifier.</summary>
    public Workers.WorkerOptions? Worker { get; init; }
    /// <summary>With <see cref="Postgres"/>: how often the partitions' heads are anchored into the fleet chain.</summary>
    public TimeSpan AnchorInterval { get; init; } = TimeSpan.FromSeconds(10);
}
