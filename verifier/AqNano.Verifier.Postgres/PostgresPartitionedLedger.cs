using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The ledger across workers (DESIGN.md "Scale", README.md "Partitioned ledger"): one hash chain
/// per device partition (<see cref="DevicePartitions"/>; fleet-wide records, device 0, go to the partition
/// of 0), so that workers writing different partitions never wait for each other, plus a fleet chain of
/// anchors (<see cref="AnchorNow"/>) that fixes every partition's head at a moment. Each record's Sequence is
/// one global order (a database sequence drawn under the partition locks) and its hash is exactly
/// <see cref="LedgerHashing"/>'s, so exports and auditors treat records as in the single chain; only the
/// PreviousHash differs: it is the previous record of the same partition. One transaction per Append,
/// batch or anchor, returning after COMMIT (durable with the default synchronous_commit=on), locking only
/// the partitions it writes. Thread-safe: each call takes its own pooled connection. With
/// <see cref="KeepDeviceState"/> each commit also carries its judgements' device-state writes
/// (PostgresPartitionedLedger.JointCommit.cs).</summary>
public sealed partial class PostgresPartitionedLedger : ILedger, IJointCommit
{
    private readonly NpgsqlDataSource dataSource;
    private readonly int lockSpace;
    private volatile bool layoutRecorded;

    /// <param name="connectionString">An Npgsql connection string; its search path holds the tables. Migrations run on open.</param>
    /// <param name="partitionCount">Must equal the count the ledger was first written with (recorded then, checked on open).</param>
    public PostgresPartitionedLedger(string connectionString, int partitionCount = DevicePartitions.DefaultCount)
        : this(PostgresDataSources.OpenMigrated(connectionString, "partitioned ledger open"), partitionCount)
    {
    }

    private PostgresPartitionedLedger(NpgsqlDataSource dataSource, int partitionCount)
    {
        this.dataSource = dataSource;
        PartitionCount = partitionCount;
        try
        {
            if (partitionCount < 1) throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "at least one partition");
            using var connection = dataSource.OpenConnection();
            using (var space = new NpgsqlCommand(PartitionedLedgerSql.LockSpace, connection)) lockSpace = Convert.ToInt32(space.ExecuteScalar());
            using var layout = new NpgsqlCommand(PartitionedLedgerSql.StoredLayout, connection);
            if (layout.ExecuteScalar() is int stored)
            {
                if (stored != partitionCount) throw LayoutMismatch(stored);
                layoutRecorded = true;
            }
        }
        catch (NpgsqlException failure)
        {
            dataSource.Dispose();
            throw PostgresFailures.Translate(failure, "partitioned ledger open");
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public int PartitionCount { get; }

    /// <summary>Opens a ledger that must already exist, writing nothing (no migration): for audits, which
    /// must not create an empty ledger where a connection string points at the wrong database.</summary>
    /// <exception cref="InvalidOperationException">The database holds no partitioned ledger, or one of another partition count.</exception>
    public static PostgresPartitionedLedger OpenExisting(string connectionString, int partitionCount = DevicePartitions.DefaultCount)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            int version = PostgresMigrations.InstalledVersion(dataSource);
            if (version < 3) throw new InvalidOperationException($"no partitioned ledger here (schema version {version}; the partitioned ledger arrives at version 3)");
        }
        catch (NpgsqlException failure)
        {
            dataSource.Dispose();
            throw PostgresFailures.Translate(failure, "partitioned ledger open");
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
        return new PostgresPartitionedLedger(dataSource, partitionCount);
    }

    /// <summary>The newest record's sequence (anchors included), 0 when empty.</summary>
    public long LastSequence
    {
        get
        {
            using var command = dataSource.CreateCommand(PartitionedLedgerSql.LastSequence);
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        => AppendBatch([new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail)])[0];

    /// <summary>All or nothing, also across partitions: one transaction locks every partition the batch
    /// touches (ascending), chains each record to its partition's head in batch order, and commits once.</summary>
    /// <exception cref="ArgumentException">A record of kind "anchor": that kind belongs to the anchor chain; nothing is written.</exception>
    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
        => records.Count == 0 ? [] : CommitAll([new CommitUnit(records, null)])[0]!;

    /// <summary>Appends one anchor to the fleet chain: every non-empty partition's head (partition, sequence,
    /// hash) and, as its PreviousHash, the previous anchor's hash. It holds the anchor chain's lock and every
    /// partition's for its one short transaction, so concurrent callers queue and each anchor is an exact cut:
    /// the partition records before it in sequence order are exactly those it lists up to.</summary>
    /// <returns>The anchor's sequence.</returns>
    public long AnchorNow(long timeUnixMs)
    {
        int[] partitions = Enumerable.Range(0, PartitionCount).ToArray();
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            EnsureLayout(connection, transaction);
            var lockEverything = new NpgsqlBatchCommand(PartitionedLedgerSql.LockAnchorAndEveryPartition);
            lockEverything.Parameters.AddWithValue("space", lockSpace);
            lockEverything.Parameters.AddWithValue("count", PartitionCount);
            var (heads, sequences) = PartitionedLedgerSteps.LockAndReadHeads(connection, transaction, lockEverything, [PartitionAnchor.ChainPartition, .. partitions], 1);
            byte[] previous = heads.Remove(PartitionAnchor.ChainPartition, out var lastAnchor) ? lastAnchor.Hash : LedgerHashing.GenesisPreviousHash();
            string detail = PartitionAnchor.Encode(PartitionCount, heads.Values.OrderBy(head => head.Partition).ToList());
            var anchor = PartitionedLedgerSteps.Chain(sequences[0], previous, PendingRecord.Of(timeUnixMs, PartitionAnchor.Kind, 0, detail));
            using (var insert = new NpgsqlBatch(connection, transaction) { BatchCommands = { PartitionedLedgerSteps.InsertCommand(PartitionAnchor.ChainPartition, anchor) } })
            {
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return anchor.Sequence;
        }
        catch (NpgsqlException failure)
        {
            throw PostgresFailures.Translate(failure, "partitioned ledger anchor");
        }
    }

    /// <summary>Every record, anchors included, in global sequence order. Within a partition this is chain
    /// order. Across partitions a record can commit after one with a higher sequence, so a read racing with
    /// appends may miss a lower sequence that becomes visible later; read again from the last anchor to be sure.</summary>
    public IEnumerable<LedgerEntry> Read(long fromSequence = 1)
    {
        foreach (var (_, entry) in Query(PartitionedLedgerSql.ReadFrom, fromSequence)) yield return entry;
    }

    /// <summary>One device's records in order (device 0: the fleet-wide records and the anchors).</summary>
    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId)
    {
        foreach (var (_, entry) in Query(PartitionedLedgerSql.ReadDevice, unchecked((long)deviceId))) yield return entry;
    }

    public long? Verify() => VerifyAll().FirstBadSequence;

    /// <summary>Every partition chain, the anchor chain, and each anchor against the partition heads (<see cref="PartitionedChainVerifier"/>).</summary>
    public PartitionedLedgerVerification VerifyAll() => PartitionedChainVerifier.Verify(Query(PartitionedLedgerSql.ReadFrom, 1), PartitionCount);

    /// <summary>The sequence of the anchor with this hash, null when the anchor chain holds none. After a
    /// verify that passed, finding an anchor hash kept outside the database shows that nothing up to that
    /// anchor was cut off; not finding it shows the ledger was cut or rewritten since it was kept.</summary>
    public long? FindAnchor(byte[] hash)
    {
        using var command = dataSource.CreateCommand(PartitionedLedgerSql.AnchorWithHash);
        command.Parameters.AddWithValue("hash", hash);
        return command.ExecuteScalar() is long sequence ? sequence : null;
    }

    public void Dispose()
    {
        stateStore?.Dispose();
        dataSource.Dispose();
    }

    /// <summary>The first write records the partition count; a worker started with another count then
    /// fails here, before writing, instead of chaining devices into the wrong partitions.</summary>
    private void EnsureLayout(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (layoutRecorded) return;
        using (var record = new NpgsqlCommand(PartitionedLedgerSql.RecordLayout, connection, transaction))
        {
            record.Parameters.AddWithValue("count", PartitionCount);
            record.ExecuteNonQuery();
        }
        using var stored = new NpgsqlCommand(PartitionedLedgerSql.StoredLayout, connection, transaction);
        int count = Convert.ToInt32(stored.ExecuteScalar());
        if (count != PartitionCount) throw LayoutMismatch(count);
        layoutRecorded = true;
    }

    private InvalidOperationException LayoutMismatch(int stored)
        => new($"the partitioned ledger was written with {stored} partitions, not {PartitionCount}: open it with that count (--partitions {stored})");

    /// <summary>Streams rows on a connection of its own: one SELECT is one consistent snapshot.</summary>
    private IEnumerable<(int Partition, LedgerEntry Entry)> Query(string sql, long argument)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("argument", argument);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return (rows.GetInt32(0), new LedgerEntry(rows.GetInt64(1), rows.GetInt64(2), rows.GetString(3),
                unchecked((ulong)rows.GetInt64(4)), rows.GetFieldValue<byte[]>(5), rows.GetString(6),
                rows.GetFieldValue<byte[]>(7), rows.GetFieldValue<byte[]>(8)));
        }
    }
}
