namespace AqNano.Verifier.Postgres;

/// <summary>The statements of <see cref="PostgresPartitionedLedger"/>. Locks are transaction-scoped advisory
/// locks keyed (the table's oid, partition number), so ledgers in different schemas of one database never
/// contend, and a lock is released by COMMIT or ROLLBACK, never leaked
/// (postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS). <c>unnest</c> and <c>generate_series</c>
/// yield their rows in order, so the locks are taken in ascending partition order: with every writer
/// locking ascending, two batches can wait for each other's partitions but never deadlock.</summary>
internal static class PartitionedLedgerSql
{
    public const string LockSpace = "SELECT 'partition_ledger'::regclass::oid::int";

    public const string LockPartitions = "SELECT pg_advisory_xact_lock(@space, p) FROM unnest(@partitions) AS p";

    /// <summary>The anchor chain (-1) first, then every partition: an anchor waits for the appends in
    /// flight and holds new ones back for the few milliseconds it takes, so it sees an exact cut.</summary>
    public const string LockAnchorAndEveryPartition = "SELECT pg_advisory_xact_lock(@space, p) FROM generate_series(-1, @count - 1) AS p";

    /// <summary>One row per partition asked for; a null sequence for an empty one. Run after the locks, in a
    /// statement of its own: under READ COMMITTED each statement sees what committed before it began
    /// (postgresql.org/docs/15/transaction-iso.html §13.2.1), so the head is the one the last lock holder left.</summary>
    public const string HeadsOf = """
        SELECT p, h.sequence, h.hash FROM unnest(@partitions) AS p
        LEFT JOIN LATERAL (SELECT sequence, hash FROM partition_ledger WHERE partition_no = p ORDER BY sequence DESC LIMIT 1) h ON true
        ORDER BY p
        """;

    /// <summary>Sequences are drawn after the locks, so within a partition they grow along the chain; values
    /// lost to a rollback leave gaps in the global order, which is why the order is not itself checked.</summary>
    public const string NextSequences = "SELECT nextval('partition_ledger_order') FROM generate_series(1, @count)";

    public const string Insert = $"""
        INSERT INTO partition_ledger (partition_no, {PostgresSchemaText.LedgerColumns})
        VALUES (@partition, @sequence, @time, @kind, @device, @frame, @detail, @previous, @hash)
        """;

    public const string StoredLayout = "SELECT partition_count FROM partitioned_ledger_layout";

    public const string RecordLayout = "INSERT INTO partitioned_ledger_layout (partition_count) VALUES (@count) ON CONFLICT DO NOTHING";

    public const string AnchorWithHash = "SELECT sequence FROM partition_ledger WHERE partition_no = -1 AND kind = 'anchor' AND hash = @hash";

    public const string LastSequence = "SELECT coalesce(max(sequence), 0) FROM partition_ledger";

    public const string ReadFrom = $"SELECT partition_no, {PostgresSchemaText.LedgerColumns} FROM partition_ledger WHERE sequence >= @argument ORDER BY sequence";

    public const string ReadDevice = $"SELECT partition_no, {PostgresSchemaText.LedgerColumns} FROM partition_ledger WHERE device_id = @argument ORDER BY sequence";
}
