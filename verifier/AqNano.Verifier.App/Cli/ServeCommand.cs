using System.CommandLine;
using AqNano.Verifier.App.Hosting;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano serve`: the verifier, its broker and the dashboard until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var options = new ServeOptionSet();
        var command = new Command("serve", "Run the verifier with its broker (embedded by default) and the dashboard.");
        options.AddTo(command);
        command.SetAction((result, stop) => RunAsync(result, options, stop));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, ServeOptionSet set, CancellationToken stop)
    {
        var output = result.InvocationConfiguration.Output;
        if (!set.TryBuild(result, null, out var options, out string ledger, out var policy, out string policySource, out string error))
        {
            await result.InvocationConfiguration.Error.WriteLineAsync("aqnano serve: " + error);
            return 2;
        }
        using var logs = ConsoleLogging.Create(result.GetValue(set.JsonLogs), LogLevel.Information);
        return await RunHostAsync(options, ledger, policy, policySource, logs, output, result.InvocationConfiguration.Error, stop, onStarted: null);
    }

    /// <summary>Shared with `demo`: opens the core, starts the host, prints where everything is, waits for Ctrl+C.</summary>
    public static async Task<int> RunHostAsync(ServeOptions options, string ledger, Policy.VerifierPolicy policy, string policySource,
        ILoggerFactory logs, TextWriter output, TextWriter errors, CancellationToken stop, Func<VerifierHost, Task<int?>>? onStarted)
    {
        VerifierBackend backend;
        try
        {
            backend = options.Postgres == null
                ? BackendFactory.Open(ledger, policy, policySource, TimeProvider.System)
                : BackendFactory.OpenPostgres(options.Postgres, policy, policySource, TimeProvider.System, options.Worker);
        }
        catch (Exception exception) when (options.Postgres != null && exception is Lineage.LedgerWriteException or ArgumentException or InvalidOperationException)
        {
            // Unreachable server, refused login, bad connection string, a schema newer than this build, or a
            // partition count other than the fleet's: say which, start nothing.
            await errors.WriteLineAsync($"aqnano: cannot use PostgreSQL ({PostgresLabel(options.Postgres)}): {exception.Message}");
            return 2;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await errors.WriteLineAsync($"aqnano: cannot open the ledger {ledger}: {exception.Message}");
            return 2;
        }
        using (backend)
        {
            await using var host = new VerifierHost(options, backend, logs, TimeProvider.System);
            try
            {
                await host.StartAsync();
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or InvalidOperationException
                                              or MQTTnet.Exceptions.MqttCommunicationException)
            {
                await errors.WriteLineAsync($"aqnano: could not start: {exception.GetBaseException().Message} " +
                    "(is another broker or dashboard already on those ports? see --port, --tls-port, --dashboard-port)");
                return 3;
            }
            await PrintWelcomeAsync(host, options, ledger, output);
            int? early = onStarted == null ? null : await onStarted(host);
            if (early is int code) return code;
            try { await Task.Delay(Timeout.Infinite, stop); } catch (OperationCanceledException) { }
            await output.WriteLineAsync("aqnano: stopping");
            return 0;
        }
    }

    /// <summary>Where the database is, without the password a connection string may hold.</summary>
    private static string PostgresLabel(string connectionString)
    {
        try
        {
            var parts = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return $"host {parts.Host ?? "(default)"} port {parts.Port} database {parts.Database ?? "(user's default)"}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }

    private static async Task PrintWelcomeAsync(VerifierHost host, ServeOptions options, string ledger, TextWriter output)
    {
        await output.WriteLineAsync(options.ExternalBroker == null
            ? $"broker     mqtt://{options.Listen}:{options.MqttPort}" + (options.TlsPort > 0 ? $"  mqtts://{options.Listen}:{options.TlsPort}" : "")
            : $"broker     {options.ExternalBroker} (external, path mode {options.ExternalPath})");
        if (host.CaCertificatePath != null)
        {
            await output.WriteLineAsync($"tls ca     {host.CaCertificatePath} (pin this certificate in the boards' settings)");
            await output.WriteLineAsync($"           SHA-256 {host.CaFingerprint}");
        }
        await output.WriteLineAsync($"dashboard  {host.Dashboard.Address}   metrics {host.Dashboard.Address}/metrics");
        foreach (var user in host.Users) await output.WriteLineAsync($"login      {user.Name} / {user.Password}");
        if (options.ExternalBroker == null) await output.WriteLineAsync($"mqtt user  controller / {host.ControllerPassword} (downlink app traffic)");
        await output.WriteLineAsync(options.Postgres == null ? $"ledger     {ledger}" : $"ledger     PostgreSQL {PostgresLabel(options.Postgres)} (device state there too)");
        if (options.Worker is { } worker)
        {
            await output.WriteLineAsync(worker.SharedGroup == null
                ? $"worker     {worker.WorkerId}: {worker.PartitionCount} partitions, lease {worker.LeaseTtl.TotalSeconds:0.#} s renewed every {worker.RenewEvery.TotalSeconds:0.#} s"
                : $"worker     {worker.WorkerId}: shared subscription group {worker.SharedGroup} (no leases)");
        }
        await output.WriteLineAsync("Ctrl+C stops.");
    }
}
