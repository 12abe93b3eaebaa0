using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The versioned schema (README.md "Schema"): an ordered list of steps, each applied once
/// and recorded in <c>aqnano_schema_version</c>. <see cref="Apply"/> is idempotent and safe when
/// several workers start at once: it runs in one transaction under a transaction-scoped advisory
/// lock (postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS), so exactly one of
/// them applies a missing step and the others then see it recorded. A database whose schema is
/// newer than this build is refused rather than written with older assumptions.</summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock key: "AQNano" in ASCII, then 1 (the migration lock).</summary>
    private const long LockKey = 0x4151_4E61_6E6F_0001;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS aqnano_schema_version (
            version     integer     PRIMARY KEY,
            description text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Every step, in order; step n is <c>Steps[n - 1]</c>. Append new steps; never edit one already shipped.</summary>
    public static IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new(1, "ledger: append-only, hash-chained records", PostgresSchemaText.Ledger),
        new(2, "device_state: per-device blob with a compare-and-set version", PostgresSchemaText.DeviceState),
        new(3, "partition_ledger: one hash chain per device partition, anchored into a fleet chain", PostgresSchemaText.PartitionedLedger),
        new(4, "partition_lease and worker_heartbeat: which worker judges which partition", PostgresSchemaText.PartitionLeases),
        new(5, "identity_admission: new identities per zone, counted for the whole fleet", PostgresSchemaText.IdentityAdmissions),
    ];

    public static int LatestVersion => Steps[^1].Version;

    /// <summary>Brings the schema of the connection's search path up to <see cref="LatestVersion"/>;
    /// returns how many steps this call applied (0 when it was already current).</summary>
    public static int Apply(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})");
        int current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"the database schema is at version {current}, newer than this build knows ({LatestVersion}): upgrade AqNano before writing to it");
        }
        if (current == LatestVersion)
        {
            // Already current: write nothing, so that a read-only connection opens a current database.
            transaction.Commit();
            return 0;
        }
        Execute(connection, transaction, CreateVersionTable);
        int applied = 0;
        foreach (var step in Steps.Where(step => step.Version > current))
        {
            Execute(connection, transaction, step.Sql);
            using var record = new NpgsqlCommand("INSERT INTO aqnano_schema_version (version, description) VALUES (@version, @description)", connection, transaction);
            record.Parameters.AddWithValue("version", step.Version);
            record.Parameters.AddWithValue("description", step.Description);
            record.ExecuteNonQuery();
            applied++;
        }
        transaction.Commit();
        return applied;
    }

    /// <summary>The schema version the connection's search path holds, 0 when it holds none; writes
    /// nothing, so an audit (`aqnano lineage verify --postgres`) can tell an empty database from a ledger.</summary>
    public static int InstalledVersion(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        return CurrentVersion(connection, transaction);
    }

    private static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using (var exists = new NpgsqlCommand("SELECT to_regclass('aqnano_schema_version') IS NOT NULL", connection, transaction))
        {
            if (!(bool)exists.ExecuteScalar()!) return 0;
        }
        using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM aqnano_schema_version", connection, transaction);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
