using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AqNano.Lineage.Tests;

/// <summary>A throwaway PostgreSQL for the test run (issue 8): initdb into a temporary folder, then
/// pg_ctl start on a free loopback port, stopped and removed on dispose. As root (the project's
/// machines) both run as the postgres user via runuser, in a folder owned by it, because initdb refuses
/// root (ENVIRONMENT.md). Where no PostgreSQL is installed, <see cref="SkipReason"/> says so and the
/// tests that need it are skipped. Each test gets a schema of its own (<see cref="NewSchema"/>).</summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "aqnano";
    private readonly string? binaries = FindBinaries();
    private readonly string folder = "";
    private int schemas;

    public PostgresServer()
    {
        if (binaries is null)
        {
            string? configured = Environment.GetEnvironmentVariable("AQNANO_PG_BIN");
            SkipReason = configured is null
                ? "PostgreSQL tests skipped: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl; apt-get install postgresql, or set AQNANO_PG_BIN)"
                : $"PostgreSQL tests skipped: AQNANO_PG_BIN={configured} holds no pg_ctl";
            return;
        }
        folder = Directory.CreateTempSubdirectory("aqnano-pg-").FullName;
        if (RunningAsRoot) Run("chown", "-R", "postgres:postgres", folder);
        Port = FreeLoopbackPort();
        RunPostgres("initdb", "-D", Data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        Start();
        AdminConnectionString = $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false";
    }

    /// <summary>Null when the server runs; otherwise why the PostgreSQL tests are skipped.</summary>
    public string? SkipReason { get; }

    public int Port { get; }

    public string AdminConnectionString { get; } = "";

    private string Data => Path.Combine(folder, "data");

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Creates an empty schema and returns a connection string whose search path is it alone.</summary>
    public string NewSchema()
    {
        Skip.If(SkipReason is not null, SkipReason);
        string schema = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref schemas)}";
        Execute($"CREATE SCHEMA {schema}");
        return $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Search Path={schema}";
    }

    /// <summary>Stops the server the way a crash would (immediate: no checkpoint, recovery replays the
    /// WAL on start, postgresql.org/docs/15/app-pg-ctl.html) and starts it again on the same port.</summary>
    public void CrashAndRestart()
    {
        RunPostgres("pg_ctl", "stop", "-w", "-m", "immediate", "-D", Data);
        Start();
    }

    public void Execute(string sql, string? connectionString = null)
    {
        using var connection = new NpgsqlConnection(connectionString ?? AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (binaries is null) return;
        try
        {
            RunPostgres("pg_ctl", "stop", "-w", "-m", "immediate", "-D", Data);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Start() => RunPostgres("pg_ctl", "start", "-w", "-t", "60", "-D", Data, "-l", Path.Combine(folder, "server.log"),
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {folder}");

    private static string? FindBinaries()
    {
        string? configured = Environment.GetEnvironmentVariable("AQNANO_PG_BIN");
        if (configured is not null) return File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => bin, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void RunPostgres(string tool, params string[] arguments)
    {
        string program = Path.Combine(binaries!, tool);
        if (RunningAsRoot) Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else Run(program, arguments);
    }

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {errors}{output.Result}");
        }
    }
}
