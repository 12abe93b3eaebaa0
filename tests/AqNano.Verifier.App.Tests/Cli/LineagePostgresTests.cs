using System.CommandLine;
using AqNano.Lineage.Tests;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Postgres;

namespace AqNano.Verifier.App.Tests.Cli;

/// <summary>`aqnano lineage verify|export --postgres`: the workers' partitioned ledger read from a real
/// PostgreSQL; every failure a clear message and exit code 2 (1 for a broken ledger), nothing written.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LineagePostgresTests(PostgresServer server) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aqnano-cli-pg-").FullName;
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    public void Dispose() => Directory.Delete(folder, true);

    [SkippableFact]
    public async Task Verify_and_export_read_the_partitioned_ledger_and_name_the_last_anchor()
    {
        long anchor;
        using (var ledger = new PostgresPartitionedLedger(connectionString))
        {
            for (ulong device = 1; device <= 10; device++) ledger.Append((long)device, "frame", device, [1, 2], "{}");
            anchor = ledger.AnchorNow(11);
            ledger.Append(12, "decision", 3, [], "{}");
        }
        string exported = Path.Combine(folder, "out.jsonl");

        var verify = await RunAsync("lineage", "verify", "--postgres", connectionString);
        var export = await RunAsync("lineage", "export", "--postgres", connectionString, "--out", exported);

        Assert.Equal(0, verify.Code);
        Assert.Contains("verified 12 records", verify.Output);
        Assert.Contains($"last anchor #{anchor} ", verify.Output);
        Assert.Contains("1 records after it are not yet anchored", verify.Output);
        Assert.Equal(0, export.Code);
        Assert.Equal(12, File.ReadAllLines(exported).Length);
        Assert.Contains("exported 12 records of postgresql://127.0.0.1:", export.Errors);
    }

    [SkippableFact]
    public async Task Verify_names_the_record_where_a_tampered_ledger_breaks()
    {
        using (var ledger = new PostgresPartitionedLedger(connectionString))
        {
            for (ulong device = 1; device <= 6; device++) ledger.Append((long)device, "frame", device, [1], "{}");
        }
        server.Execute("ALTER TABLE partition_ledger DISABLE TRIGGER USER; UPDATE partition_ledger SET detail = '{\"x\":1}' WHERE sequence = 4", connectionString);

        var (code, output, _) = await RunAsync("lineage", "verify", "--postgres", connectionString);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN at record #4: stored hash does not match", output);
    }

    /// <summary>The cut the anchors cannot see (docs/SCALING.md): the tail after the newest anchor, and that
    /// anchor with it. The ledger still verifies on its own; an anchor hash kept outside shows the cut.</summary>
    [SkippableFact]
    public async Task A_kept_anchor_hash_shows_a_tail_cut_that_verify_alone_cannot_see()
    {
        using (var ledger = new PostgresPartitionedLedger(connectionString))
        {
            for (ulong device = 1; device <= 4; device++) ledger.Append((long)device, "frame", device, [1], "{}");
            ledger.AnchorNow(5);
            for (ulong device = 1; device <= 4; device++) ledger.Append((long)device + 5, "frame", device, [2], "{}");
            ledger.AnchorNow(10);
        }
        var before = await RunAsync("lineage", "verify", "--postgres", connectionString);
        string kept = before.Output.Split("last anchor #10 ")[1][..64];
        var intact = await RunAsync("lineage", "verify", "--postgres", connectionString, "--expect-anchor", kept);

        server.Execute("ALTER TABLE partition_ledger DISABLE TRIGGER USER; DELETE FROM partition_ledger WHERE sequence >= 6", connectionString);
        var alone = await RunAsync("lineage", "verify", "--postgres", connectionString);
        var against = await RunAsync("lineage", "verify", "--postgres", connectionString, "--expect-anchor", kept.ToUpperInvariant());

        Assert.Equal(0, intact.Code);
        Assert.Contains("kept anchor found at #10", intact.Output);
        Assert.Equal(0, alone.Code);
        Assert.Contains("last anchor #5 ", alone.Output);
        Assert.Equal(1, against.Code);
        Assert.Contains($"the kept anchor {kept} is not in the ledger", against.Output);
    }

    [Theory]
    [InlineData("abc", "--postgres", "--expect-anchor must be 64 hex characters")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000zz", "--postgres", "--expect-anchor must be 64 hex characters")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "--ledger", "--expect-anchor needs --postgres")]
    public async Task A_bad_kept_anchor_argument_is_refused(string anchor, string where, string expected)
    {
        string target = where == "--postgres" ? "Host=127.0.0.1;Port=1" : Path.Combine(folder, "none.db");

        var (code, _, errors) = await RunAsync("lineage", "verify", where, target, "--expect-anchor", anchor);

        Assert.Equal(2, code);
        Assert.Contains(expected, errors);
    }

    [SkippableFact]
    public async Task An_empty_database_or_an_empty_ledger_is_an_error_and_stays_as_it_was()
    {
        var noLedger = await RunAsync("lineage", "verify", "--postgres", connectionString);
        Assert.Equal(2, noLedger.Code);
        Assert.Contains("no partitioned ledger here (schema version 0", noLedger.Errors);
        Assert.Equal(false, server.Scalar("SELECT to_regclass('aqnano_schema_version') IS NOT NULL", connectionString));

        using (new PostgresPartitionedLedger(connectionString)) { }
        var noRecords = await RunAsync("lineage", "export", "--postgres", connectionString);
        Assert.Equal(2, noRecords.Code);
        Assert.Contains("the partitioned ledger holds no records", noRecords.Errors);
    }

    [SkippableFact]
    public async Task Another_partition_count_is_refused_with_the_one_to_use()
    {
        using (var ledger = new PostgresPartitionedLedger(connectionString)) ledger.Append(1, "frame", 5, [], "{}");

        var (code, _, errors) = await RunAsync("lineage", "verify", "--postgres", connectionString, "--partitions", "16");

        Assert.Equal(2, code);
        Assert.Contains("written with 64 partitions, not 16", errors);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_without_the_password()
    {
        int closed = FreePort.Next();

        var (code, _, errors) = await RunAsync("lineage", "verify", "--postgres",
            $"Host=127.0.0.1;Port={closed};Username=auditor;Password=hunter2;Database=fleet;Timeout=3");

        Assert.Equal(2, code);
        Assert.Contains($"cannot read postgresql://127.0.0.1:{closed}/fleet", errors);
        Assert.DoesNotContain("hunter2", errors);
    }

    [Theory]
    [InlineData("--partitions", "0", "--partitions must be at least 1")]
    [InlineData("--ledger", "x.db", "give --ledger or --postgres, not both")]
    public async Task Bad_postgres_arguments_are_refused(string option, string value, string expected)
    {
        var (code, _, errors) = await RunAsync("lineage", "verify", "--postgres", "Host=127.0.0.1;Port=1", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_refused()
    {
        var (code, _, errors) = await RunAsync("lineage", "export", "--postgres", "Host=127.0.0.1;NoSuchKeyword=1");

        Assert.Equal(2, code);
        Assert.Contains("--postgres is not a valid Npgsql connection string", errors);
    }

    private static Task<(int Code, string Output, string Errors)> RunAsync(params string[] args) => CliRun.RunAsync(args);
}
