using AqNano.Verifier.Lineage;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The ledger in PostgreSQL (README.md), chained exactly as the SQLite ledger
/// (<see cref="LedgerHashing"/>), so <see cref="LedgerVerifier"/> checks it unchanged. One transaction
/// per Append or batch, returning only after COMMIT: with the server's default synchronous_commit=on
/// the commit record is flushed to the WAL before COMMIT returns (postgresql.org/docs/15/wal-async-commit.html).
/// Several writers, in this process or others, keep a single chain: each transaction first takes
/// <c>LOCK TABLE ledger IN SHARE ROW EXCLUSIVE MODE</c>, which conflicts with itself and with
/// INSERT but not with SELECT (postgresql.org/docs/15/explicit-locking.html), then reads the head.
/// Readers are never blocked. Thread-safe: each call takes its own pooled connection.</summary>
public sealed class PostgresLedger : ILedger
{
    private const string Lock = "LOCK TABLE ledger IN SHARE ROW EXCLUSIVE MODE";
    private const string Head = "SELECT sequence, hash FROM ledger ORDER BY sequence DESC LIMIT 1";
    private const string Insert = $"""
        INSERT INTO ledger ({PostgresSchemaText.LedgerColumns})
        VALUES (@sequence, @time, @kind, @device, @frame, @detail, @previous, @hash)
        """;

    private readonly NpgsqlDataSource dataSource;

    /// <param name="connectionString">An Npgsql connection string; its search path (or the user's
    /// default schema) holds the tables. Migrations run on open.</param>
    public PostgresLedger(string connectionString)
    {
        dataSource = PostgresDataSources.OpenMigrated(connectionString, "ledger open");
    }

    /// <summary>The last record's sequence, 0 when empty.</summary>
    public long LastSequence
    {
        get
        {
            using var connection = dataSource.OpenConnection();
            using var command = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM ledger", connection);
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        => AppendBatch([new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail)])[0];

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
    {
        var appended = new List<LedgerEntry>(records.Count);
        if (records.Count == 0) return appended;
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using (var lockTable = new NpgsqlCommand(Lock, connection, transaction)) lockTable.ExecuteNonQuery();
            var (sequence, hash) = ReadHead(connection, transaction);
            using var insert = new NpgsqlCommand(Insert, connection, transaction);
            foreach (var record in records)
            {
                var entry = LedgerHashing.Chain(sequence, hash, record);
                Bind(insert, entry);
                insert.ExecuteNonQuery();
                appended.Add(entry);
                (sequence, hash) = (entry.Sequence, entry.Hash);
            }
            transaction.Commit();
        }
        catch (NpgsqlException failure)
        {
            throw PostgresFailures.Translate(failure, "ledger append");
        }
        return appended;
    }

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1)
        => Query($"SELECT {PostgresSchemaText.LedgerColumns} FROM ledger WHERE sequence >= @argument ORDER BY sequence", fromSequence);

    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId)
        => Query($"SELECT {PostgresSchemaText.LedgerColumns} FROM ledger WHERE device_id = @argument ORDER BY sequence", unchecked((long)deviceId));

    public long? Verify() => LedgerVerifier.Verify(this).FirstBadSequence;

    public void Dispose() => dataSource.Dispose();

    private static (long Sequence, byte[] Hash) ReadHead(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand(Head, connection, transaction);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : (0, LedgerHashing.GenesisPreviousHash());
    }

    private static void Bind(NpgsqlCommand insert, LedgerEntry entry)
    {
        insert.Parameters.Clear();
        insert.Parameters.AddWithValue("sequence", entry.Sequence);
        insert.Parameters.AddWithValue("time", entry.TimeUnixMs);
        insert.Parameters.AddWithValue("kind", entry.Kind);
        insert.Parameters.AddWithValue("device", unchecked((long)entry.DeviceId));
        insert.Parameters.AddWithValue("frame", entry.Frame);
        insert.Parameters.AddWithValue("detail", entry.Detail);
        insert.Parameters.AddWithValue("previous", entry.PreviousHash);
        insert.Parameters.AddWithValue("hash", entry.Hash);
    }

    /// <summary>Streams rows on a connection of its own; one SELECT is one consistent snapshot, so a
    /// long export sees a fixed head while appends go on.</summary>
    private IEnumerable<LedgerEntry> Query(string sql, long argument)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("argument", argument);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return new LedgerEntry(rows.GetInt64(0), rows.GetInt64(1), rows.GetString(2),
                unchecked((ulong)rows.GetInt64(3)), rows.GetFieldValue<byte[]>(4), rows.GetString(5),
                rows.GetFieldValue<byte[]>(6), rows.GetFieldValue<byte[]>(7));
        }
    }
}
