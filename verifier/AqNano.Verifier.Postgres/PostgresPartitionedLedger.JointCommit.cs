using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Stores;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The device state in the ledger's own database (table device_state, migration step 2), written in
/// the same transaction as the records, so that a judgement's records and its device's state commit together
/// or not at all (docs/SECURITY.md "Known limits", first bullet; <see cref="IJointCommit"/>), as
/// <c>SqliteLedger</c> does in its file. One transaction per group of units:
/// <list type="number">
/// <item>the advisory locks of every partition the group touches, ascending: the partitions of its records
/// and of every device whose state it writes;</item>
/// <item>under them, in the same round trip: the heads, the sequences, then each unit's compare-and-set
/// (<c>UPDATE … WHERE version = @expected</c>, or <c>INSERT … ON CONFLICT DO NOTHING</c> for a new device);</item>
/// <item>the records of exactly the units whose state write took (or that write none); COMMIT.</item>
/// </list>
/// Lock order: a device's row is only ever locked by a ledger transaction that already holds its partition's
/// advisory lock, so two groups, two workers or an anchor (which takes -1 then every partition, ascending) can wait
/// for each other's partitions but never for a row the other holds: no deadlock. The store's own
/// <see cref="PostgresDeviceStateStore.TrySave"/> is one autocommitted statement on one row, holding nothing else
/// while it waits. A stale unit costs its drawn sequence numbers (gaps are normal: README "Partitioned ledger").</summary>
public sealed partial class PostgresPartitionedLedger
{
    private readonly object stateGate = new();
    private PostgresDeviceStateStore? stateStore;

    /// <summary>The store <see cref="KeepDeviceState"/> returned, null before: <c>LedgerRecorder</c> joins state
    /// writes to the records only when the verifier loads from this very store.</summary>
    public IDeviceStateStore? StateStore
    {
        get { lock (stateGate) return stateStore; }
    }

    /// <summary>Writes device state in this ledger's commits from now on and returns the store over the same
    /// rows and the same data source (owned by this ledger, disposed with it). Its reads serve the verifier's
    /// start and a worker's partition takeover; the verifier's writes come through <see cref="CommitAll"/>.</summary>
    public PostgresDeviceStateStore KeepDeviceState()
    {
        lock (stateGate) return stateStore ??= new PostgresDeviceStateStore(dataSource);
    }

    /// <summary>Commits the units in order in one transaction (see the type's summary). A unit whose state write is
    /// stale writes none of its records and gets null; the others commit. A failure of the transaction itself
    /// writes nothing and raises the ledger's typed error (<see cref="PostgresFailures"/>).</summary>
    /// <exception cref="ArgumentException">A record of kind "anchor"; nothing is written.</exception>
    /// <exception cref="InvalidOperationException">A state write before <see cref="KeepDeviceState"/>; nothing is written.</exception>
    public IReadOnlyList<IReadOnlyList<LedgerEntry>?> CommitAll(IReadOnlyList<CommitUnit> units)
    {
        var results = new IReadOnlyList<LedgerEntry>?[units.Count];
        var saves = new NpgsqlBatchCommand?[units.Count];
        var touched = new SortedSet<int>();
        int recordCount = 0;
        for (int u = 0; u < units.Count; u++)
        {
            foreach (PendingRecord record in units[u].Records)
            {
                if (record.Kind == PartitionAnchor.Kind) throw new ArgumentException("kind 'anchor' is reserved for the anchor chain (AnchorNow); nothing was written", nameof(units));
                touched.Add(DevicePartitions.Of(record.DeviceId, PartitionCount));
                recordCount++;
            }
            if (units[u].State is not { } write) continue;
            if (StateStore == null) throw new InvalidOperationException("this ledger keeps no device state (call KeepDeviceState first): a state write cannot join its commit; nothing was written");
            touched.Add(DevicePartitions.Of(write.DeviceId, PartitionCount));
            saves[u] = PostgresDeviceStateStore.SaveCommand(write);
        }
        if (touched.Count == 0)
        {
            for (int u = 0; u < units.Count; u++) results[u] = [];
            return results;
        }
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            EnsureLayout(connection, transaction);
            int[] partitions = touched.ToArray();
            var lockPartitions = new NpgsqlBatchCommand(PartitionedLedgerSql.LockPartitions);
            lockPartitions.Parameters.AddWithValue("space", lockSpace);
            lockPartitions.Parameters.AddWithValue("partitions", partitions);
            var (heads, sequences) = PartitionedLedgerSteps.LockAndReadHeads(connection, transaction, lockPartitions, partitions, recordCount,
                saves.OfType<NpgsqlBatchCommand>().ToList());
            using var inserts = new NpgsqlBatch(connection, transaction);
            int next = 0;
            for (int u = 0; u < units.Count; u++)
            {
                // Under READ COMMITTED a compare-and-set blocked on a row re-checks its WHERE on the committed row
                // (postgresql.org/docs/15/transaction-iso.html §13.2.1): 0 rows means another writer got there first.
                if (saves[u] is { RecordsAffected: not 1 }) continue;
                var appended = new List<LedgerEntry>(units[u].Records.Count);
                foreach (PendingRecord record in units[u].Records)
                {
                    int partition = DevicePartitions.Of(record.DeviceId, PartitionCount);
                    byte[] previous = heads.TryGetValue(partition, out var head) ? head.Hash : LedgerHashing.GenesisPreviousHash();
                    var entry = PartitionedLedgerSteps.Chain(sequences[next++], previous, record);
                    inserts.BatchCommands.Add(PartitionedLedgerSteps.InsertCommand(partition, entry));
                    heads[partition] = new PartitionHead(partition, entry.Sequence, entry.Hash);
                    appended.Add(entry);
                }
                results[u] = appended;
            }
            if (inserts.BatchCommands.Count > 0) inserts.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (NpgsqlException failure)
        {
            throw PostgresFailures.Translate(failure, "partitioned ledger commit");
        }
        return results;
    }
}
