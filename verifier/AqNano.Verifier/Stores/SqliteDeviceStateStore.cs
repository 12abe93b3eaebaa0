using AqNano.Verifier.Lineage;
using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Stores;

/// <summary>Device state in SQLite (WAL, synchronous=FULL, like the ledger), in a file of its own or
/// in the ledger's file (another table; the ledger's triggers do not touch it). Compare-and-set on
/// the version is one conditional statement, atomic in SQLite: the row changes only where the stored
/// version is the expected one, so a stale writer, in this process or another, changes nothing.
/// Versions start at 1 for the first save and grow by 1 per save. Thread-safe. In the ledger's file
/// (<see cref="SqliteLedger.KeepDeviceState"/>) the verifier's writes go through the ledger's joint
/// commits instead, and this store serves the reads.</summary>
public sealed class SqliteDeviceStateStore : IDeviceStateStore
{
    private readonly object gate = new();
    private readonly SqliteConnection connection;
    private readonly string path;

    public SqliteDeviceStateStore(string path)
    {
        this.path = path;
        connection = SqliteConnections.Open(path, readOnly: false);
        SqliteConnections.MakeDurable(connection);
        SqliteConnections.Execute(connection, DeviceStateSchema.Create);
    }

    public bool TryLoad(ulong deviceId, out byte[] state, out long version)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT state, version FROM device_state WHERE device_id = $id";
            command.Parameters.AddWithValue("$id", unchecked((long)deviceId));
            using var row = command.ExecuteReader();
            if (row.Read())
            {
                state = row.GetFieldValue<byte[]>(0);
                version = row.GetInt64(1);
                return true;
            }
        }
        state = [];
        version = 0;
        return false;
    }

    public bool TrySave(ulong deviceId, ReadOnlySpan<byte> state, long expectedVersion)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = expectedVersion == 0 ? DeviceStateSchema.InsertNew : DeviceStateSchema.UpdateIfCurrent;
            command.Parameters.AddWithValue("$id", unchecked((long)deviceId));
            command.Parameters.AddWithValue("$state", state.ToArray());
            command.Parameters.AddWithValue("$expected", expectedVersion);
            try
            {
                return command.ExecuteNonQuery() == 1;
            }
            catch (SqliteException failure)
            {
                throw SqliteFailures.Translate(failure, path, "device state");
            }
        }
    }

    public IEnumerable<ulong> DeviceIds()
    {
        var ids = new List<ulong>();
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id FROM device_state";
            using var rows = command.ExecuteReader();
            while (rows.Read()) ids.Add(unchecked((ulong)rows.GetInt64(0)));
        }
        ids.Sort();
        return ids;
    }

    public void Dispose()
    {
        lock (gate) connection.Dispose();
    }
}
