using AqNano.Verifier.Stores;
using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Lineage;

/// <summary>The device state in the ledger's own file (table device_state, untouched by the ledger's
/// append-only triggers, which guard the ledger table only): one SQLite file, so one transaction, so one
/// fsync makes a judgement's records and its device's state durable together. ATTACHing a second file
/// would not do: in WAL mode a transaction over two files is atomic per file only (sqlite.org/lang_attach.html).</summary>
public sealed partial class SqliteLedger
{
    private SqliteDeviceStateStore? stateStore;
    private SqliteCommand? insertState;
    private SqliteCommand? updateState;

    public IDeviceStateStore? StateStore
    {
        get { lock (gate) return stateStore; }
    }

    /// <summary>Keeps device state in this file from now on and returns its store (owned by this ledger,
    /// disposed with it). Its reads serve the verifier's start; the verifier's writes come through
    /// <see cref="CommitAll"/>, in the same transactions as the records.</summary>
    public SqliteDeviceStateStore KeepDeviceState()
    {
        if (ReadOnly) throw new LedgerReadOnlyException($"ledger {Path} is open read-only: it cannot keep device state", null);
        lock (gate)
        {
            if (stateStore != null) return stateStore;
            stateStore = new SqliteDeviceStateStore(Path);
            insertState = StateCommand(DeviceStateSchema.InsertNew);
            updateState = StateCommand(DeviceStateSchema.UpdateIfCurrent);
            return stateStore;
        }
    }

    /// <summary>The compare-and-set of <see cref="IDeviceStateStore.TrySave"/>, inside the caller's transaction.</summary>
    private bool TryWriteState(StateWrite write)
    {
        SqliteCommand command = (write.ExpectedVersion == 0 ? insertState : updateState)
            ?? throw new InvalidOperationException($"ledger {Path} keeps no device state: call KeepDeviceState first");
        command.Parameters["$id"].Value = unchecked((long)write.DeviceId);
        command.Parameters["$state"].Value = write.State;
        command.Parameters["$expected"].Value = write.ExpectedVersion;
        return command.ExecuteNonQuery() == 1;
    }

    private SqliteCommand StateCommand(string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$id", "$state", "$expected" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private void Enlist(SqliteTransaction? transaction)
    {
        insert.Transaction = transaction;
        head.Transaction = transaction;
        if (insertState != null) insertState.Transaction = transaction;
        if (updateState != null) updateState.Transaction = transaction;
    }

    private void DisposeDeviceState()
    {
        insertState?.Dispose();
        updateState?.Dispose();
        stateStore?.Dispose();
    }
}
