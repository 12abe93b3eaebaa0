using System.CommandLine;
using AqNano.Lineage.Tests;
using AqNano.Protocol;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Postgres;

namespace AqNano.Verifier.App.Tests.Cli;

/// <summary>`aqnano report --postgres`: the state-awareness report of the workers' partitioned ledger reads the
/// same as the report of a SQLite ledger holding the same records, per fleet and per device.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportPostgresTests(PostgresServer server) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aqnano-report-pg-").FullName;
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    public void Dispose() => Directory.Delete(folder, true);

    [SkippableFact]
    public async Task The_report_of_the_partitioned_ledger_equals_the_report_of_the_same_records_in_sqlite()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        string file = Path.Combine(folder, "ledger.db");
        var boards = new[] { new TestBoard(701), new TestBoard(702), new TestBoard(703) };
        using (var judged = new InMemoryLedger())
        {
            // Real judgements, so that the report has decisions, grants and evidence to read.
            var verifier = new FleetVerifier(new VerifierPolicy(), judged, TimeProvider.System);
            long t = 1_790_000_000_000;
            for (int round = 0; round < 6; round++)
            {
                foreach (var board in boards)
                {
                    verifier.Judge(new InboundFrame(board.ObsTopic, board.NextFrame(), t += 5_000, "device", PathMode.Open));
                }
            }
            using var sqlite = new SqliteLedger(file);
            using var postgres = new PostgresPartitionedLedger(connectionString);
            foreach (var entry in judged.Read())
            {
                sqlite.Append(entry.TimeUnixMs, entry.Kind, entry.DeviceId, entry.Frame, entry.Detail);
                postgres.Append(entry.TimeUnixMs, entry.Kind, entry.DeviceId, entry.Frame, entry.Detail);
            }
        }
        string device = Hex.FromWire(boards[1].DeviceId);

        var fromSqlite = await RunAsync("report", "--ledger", file);
        var fromPostgres = await RunAsync("report", "--postgres", connectionString);
        var oneFromSqlite = await RunAsync("report", "--ledger", file, "--device", device);
        var oneFromPostgres = await RunAsync("report", "--postgres", connectionString, "--device", device);

        Assert.Equal(0, fromPostgres.Code);
        Assert.Contains(device, fromPostgres.Output);
        // The same history; only the integrity paragraph differs, each naming its own proof.
        Assert.Contains("Ledger integrity: the hash chain verifies through record", fromSqlite.Output);
        Assert.Matches(@"Ledger integrity: \d+ partition chains and 0 anchors verify through record \d+; no anchor yet", fromPostgres.Output);
        Assert.Equal(WithoutIntegrity(fromSqlite.Output), WithoutIntegrity(fromPostgres.Output));
        Assert.Equal(0, oneFromPostgres.Code);
        Assert.Contains(device, oneFromPostgres.Output);
        Assert.Equal(WithoutIntegrity(oneFromSqlite.Output), WithoutIntegrity(oneFromPostgres.Output));
    }

    [SkippableFact]
    public async Task Both_ledgers_or_an_empty_database_are_clear_refusals()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var both = await RunAsync("report", "--ledger", Path.Combine(folder, "x.db"), "--postgres", connectionString);
        var empty = await RunAsync("report", "--postgres", server.NewSchema());

        Assert.Equal(2, both.Code);
        Assert.Contains("aqnano report: give --ledger or --postgres, not both", both.Errors);
        Assert.Equal(2, empty.Code);
        Assert.StartsWith("aqnano report: ", empty.Errors);
    }

    private static string WithoutIntegrity(string report) =>
        string.Join('\n', report.Split('\n').Where(line => !line.StartsWith("Ledger integrity:", StringComparison.Ordinal)));

    private static Task<(int Code, string Output, string Errors)> RunAsync(params string[] args) => CliRun.RunAsync(args);
}
