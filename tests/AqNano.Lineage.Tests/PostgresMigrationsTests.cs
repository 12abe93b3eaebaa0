using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using AqNano.Verifier.Stores;
using Npgsql;

namespace AqNano.Lineage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationsTests(PostgresServer server)
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    [SkippableFact]
    public void Migrating_is_idempotent_and_records_each_step_once()
    {
        using var dataSource = NpgsqlDataSource.Create(connectionString);

        Assert.Equal(PostgresMigrations.LatestVersion, PostgresMigrations.Apply(dataSource));
        Assert.Equal(0, PostgresMigrations.Apply(dataSource));
        using (new PostgresLedger(connectionString)) { }
        using (new PostgresDeviceStateStore(connectionString)) { }

        Assert.Equal($"{PostgresMigrations.LatestVersion}", $"{server.Scalar("SELECT count(*) FROM aqnano_schema_version", connectionString)}");
        Assert.Equal($"{PostgresMigrations.LatestVersion}", $"{server.Scalar("SELECT max(version) FROM aqnano_schema_version", connectionString)}");
    }

    [SkippableFact]
    public void Workers_starting_at_once_apply_each_step_exactly_once()
    {
        var applied = new int[4];
        Parallel.For(0, applied.Length, worker =>
        {
            using var dataSource = NpgsqlDataSource.Create(connectionString);
            applied[worker] = PostgresMigrations.Apply(dataSource);
        });

        Assert.Equal(PostgresMigrations.LatestVersion, applied.Sum());
        Assert.Equal($"{PostgresMigrations.LatestVersion}", $"{server.Scalar("SELECT count(*) FROM aqnano_schema_version", connectionString)}");
    }

    [SkippableFact]
    public void A_schema_newer_than_this_build_is_refused_and_left_alone()
    {
        using (new PostgresLedger(connectionString)) { }
        server.Execute("INSERT INTO aqnano_schema_version (version, description) VALUES (99, 'from the future')", connectionString);

        var refusal = Assert.Throws<InvalidOperationException>(() => new PostgresDeviceStateStore(connectionString));

        Assert.Contains("version 99", refusal.Message);
        Assert.Equal("99", $"{server.Scalar("SELECT max(version) FROM aqnano_schema_version", connectionString)}");
    }

    [SkippableFact]
    public void The_store_shares_the_ledgers_database_without_disturbing_the_chain()
    {
        using var ledger = new PostgresLedger(connectionString);
        using IDeviceStateStore store = new PostgresDeviceStateStore(connectionString);
        ledger.Append(1, "frame", 9, new byte[] { 1 }, "{}");
        Assert.True(store.TrySave(9, new byte[] { 7 }, 0));
        Assert.True(store.TrySave(9, new byte[] { 8 }, 1));
        ledger.Append(2, "decision", 9, [], "{}");

        Assert.Null(ledger.Verify());
        Assert.True(store.TryLoad(9, out var state, out _));
        Assert.Equal(new byte[] { 8 }, state);
    }
}
