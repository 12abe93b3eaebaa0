using AqNano.Verifier.Stores;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>Device state in PostgreSQL, with the SQLite store's semantics (Stores/README.md): versions
/// start at 1 and grow by 1 per save; a save whose expected version is not the stored one writes
/// nothing and returns false. Each save is one autocommitted statement. For a known device it is
/// <c>UPDATE … WHERE version = @expected</c>: under READ COMMITTED a second writer blocked on the row
/// re-checks the WHERE against the row the first one committed (postgresql.org/docs/15/transaction-iso.html
/// §13.2.1), finds the version moved and updates nothing, so of two workers that loaded the same version
/// exactly one wins. Thread-safe: each call takes its own pooled connection.</summary>
public sealed class PostgresDeviceStateStore : IDeviceStateStore
{
    private const string InsertNew = "INSERT INTO device_state (device_id, state, version) VALUES (@id, @state, 1) ON CONFLICT DO NOTHING";
    private const string UpdateIfCurrent = "UPDATE device_state SET state = @state, version = version + 1 WHERE device_id = @id AND version = @expected";

    private readonly NpgsqlDataSource dataSource;

    public PostgresDeviceStateStore(string connectionString)
    {
        dataSource = PostgresDataSources.OpenMigrated(connectionString, "device state open");
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

    public void Dispose() => dataSource.Dispose();
}
