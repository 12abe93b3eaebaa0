using AqNano.Verifier.Stores;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>Device state in PostgreSQL, with the SQLite store's semantics (Stores/README.md): versions
/// start at 1 and grow by 1 per save; a save whose expected version is not the stored one writes
/// nothing and returns false. Each save is one autocommitted statement. For a known device it is
/// <c>UPDATE … WHERE version = @expected</c>: under READ COMMITTED a second writer blocked on the row
/// re-checks the WHERE against the row the first one committed (postgresql.org/docs/15/transaction-iso.html
/// §13.2.1), finds the version moved and updates nothing, so of two workers that loaded the same version
/// exactly one wins. Thread-safe: each call takes its own pooled connection. The store a
/// <see cref="PostgresPartitionedLedger"/> keeps (<see cref="PostgresPartitionedLedger.KeepDeviceState"/>) shares
/// the ledger's data source, and the verifier's writes then go through the ledger's joint commits instead.</summary>
public sealed class PostgresDeviceStateStore : IDeviceStateStore
{
    // One text for this store's own saves and for the ledger's joint commits: both must write the rows alike.
    internal const string InsertNew = "INSERT INTO device_state (device_id, state, version) VALUES (@id, @state, 1) ON CONFLICT DO NOTHING";
    internal const string UpdateIfCurrent = "UPDATE device_state SET state = @state, version = version + 1 WHERE device_id = @id AND version = @expected";

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;

    public PostgresDeviceStateStore(string connectionString)
    {
        dataSource = PostgresDataSources.OpenMigrated(connectionString, "device state open");
        ownsDataSource = true;
    }

    /// <summary>Over a data source someone else owns (the ledger that keeps this store): disposing the store leaves it open.</summary>
    internal PostgresDeviceStateStore(NpgsqlDataSource shared)
    {
        dataSource = shared;
        ownsDataSource = false;
    }

    /// <summary>The compare-and-set of <see cref="TrySave"/> as a statement of a caller's batch; it wrote
    /// the state exactly when its RecordsAffected is 1.</summary>
    internal static NpgsqlBatchCommand SaveCommand(StateWrite write)
    {
        var command = new NpgsqlBatchCommand(write.ExpectedVersion == 0 ? InsertNew : UpdateIfCurrent);
        command.Parameters.AddWithValue("id", unchecked((long)write.DeviceId));
        command.Parameters.AddWithValue("state", write.State);
        if (write.ExpectedVersion != 0) command.Parameters.AddWithValue("expected", write.ExpectedVersion);
        return command;
    }

    public bool TryLoad(ulong deviceId, out byte[] state, out long version)
    {
        using var command = dataSource.CreateCommand("SELECT state, version FROM device_state WHERE device_id = @id");
        command.Parameters.AddWithValue("id", unchecked((long)deviceId));
        using var row = command.ExecuteReader();
        if (row.Read())
        {
            state = row.GetFieldValue<byte[]>(0);
            version = row.GetInt64(1);
            return true;
        }
        state = [];
        version = 0;
        return false;
    }

    public bool TrySave(ulong deviceId, ReadOnlySpan<byte> state, long expectedVersion)
    {
        using var command = dataSource.CreateCommand(expectedVersion == 0 ? InsertNew : UpdateIfCurrent);
        command.Parameters.AddWithValue("id", unchecked((long)deviceId));
        command.Parameters.AddWithValue("state", state.ToArray());
        if (expectedVersion != 0) command.Parameters.AddWithValue("expected", expectedVersion);
        try
        {
            return command.ExecuteNonQuery() == 1;
        }
        catch (NpgsqlException failure)
        {
            throw PostgresFailures.Translate(failure, "device state");
        }
    }

    public IEnumerable<ulong> DeviceIds()
    {
        var ids = new List<ulong>();
        using (var command = dataSource.CreateCommand("SELECT device_id FROM device_state"))
        using (var rows = command.ExecuteReader())
        {
            while (rows.Read()) ids.Add(unchecked((ulong)rows.GetInt64(0)));
        }
        ids.Sort();
        return ids;
    }

    public void Dispose()
    {
        if (ownsDataSource) dataSource.Dispose();
    }
}
