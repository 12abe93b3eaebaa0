using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Lineage;

/// <summary>The ledger in a SQLite file (Lineage/README.md): WAL, synchronous=FULL, one
/// transaction per Append or per batch, returning only after COMMIT, so every record whose
/// Append returned survives a crash. Append-only: this class has no UPDATE or DELETE, and
/// triggers in the file refuse them from anyone else. Reopening a file continues its chain:
/// each transaction reads the head (last sequence and hash) inside itself, under SQLite's write
/// lock, so even two processes appending to one file keep a single chain. Thread-safe. With
/// <see cref="KeepDeviceState"/> the file holds the device state too, written in the same
/// transactions as the records (SqliteLedger.DeviceState.cs).</summary>
public sealed partial class SqliteLedger : ILedger, IJointCommit
{
    private readonly object gate = new();
    private readonly SqliteConnection connection;
    private readonly SqliteCommand insert;
    private readonly SqliteCommand head;

    public SqliteLedger(string path, SqliteLedgerOptions? options = null)
    {
        options ??= new SqliteLedgerOptions();
        Path = path;
        ReadOnly = options.ReadOnly;
        if (options.ReadOnly && !File.Exists(path))
        {
            throw new FileNotFoundException($"no ledger at {path}", path);
        }
        connection = OpenAndPrepare(path, options.ReadOnly);
        if (options.MaxPageCount is long pages)
        {
            SetMaxPageCount(pages);
        }
        insert = connection.CreateCommand();
        insert.CommandText = LedgerSchema.Insert;
        foreach (var name in new[] { "$sequence", "$time", "$kind", "$device", "$frame", "$detail", "$previous", "$hash" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        head = connection.CreateCommand();
        head.CommandText = LedgerSchema.Head;
    }

    public string Path { get; }

    public bool ReadOnly { get; }

    /// <summary>The last record's sequence, 0 when empty.</summary>
    public long LastSequence
    {
        get { lock (gate) return ReadHead().Sequence; }
    }

    /// <summary>Caps the file at <paramref name="pages"/> pages (never below its current size);
    /// returns the cap in force. Raising it again is how space "returns" after a LedgerFullException.</summary>
    public long SetMaxPageCount(long pages)
    {
        lock (gate) return Convert.ToInt64(SqliteConnections.Execute(connection, $"PRAGMA max_page_count = {pages}"));
    }

    /// <summary>SQLite query_only: while on, every append is refused with LedgerReadOnlyException
    /// (a maintenance freeze, e.g. while a backup copies the file).</summary>
    public void SetQueryOnly(bool queryOnly)
    {
        lock (gate) SqliteConnections.Execute(connection, $"PRAGMA query_only = {(queryOnly ? 1 : 0)}");
    }

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        => AppendBatch([new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail)])[0];

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
        => records.Count == 0 ? [] : CommitAll([new CommitUnit(records, null)])[0]!;

    public IReadOnlyList<IReadOnlyList<LedgerEntry>?> CommitAll(IReadOnlyList<CommitUnit> units)
    {
        var results = new IReadOnlyList<LedgerEntry>?[units.Count];
        if (units.Count == 0) return results;
        lock (gate)
        {
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                Enlist(transaction);
                var (sequence, hash) = ReadHead();
                for (int u = 0; u < units.Count; u++)
                {
                    // The compare-and-set runs first: a stale unit then writes nothing at all, and the
                    // chain simply continues from the last unit that did.
                    if (units[u].State is { } state && !TryWriteState(state)) continue;
                    var appended = new List<LedgerEntry>(units[u].Records.Count);
                    foreach (var record in units[u].Records)
                    {
                        var entry = LedgerHashing.Chain(sequence, hash, record);
                        Insert(entry);
                        appended.Add(entry);
                        (sequence, hash) = (entry.Sequence, entry.Hash);
                    }
                    results[u] = appended;
                }
                transaction.Commit();
            }
            catch (SqliteException failure)
            {
                throw SqliteFailures.Translate(failure, Path);
            }
            finally
            {
                Enlist(null);
            }
        }
        return results;
    }

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1)
        => Query($"SELECT {LedgerSchema.Columns} FROM ledger WHERE sequence >= $from ORDER BY sequence", fromSequence);

    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId)
        => Query($"SELECT {LedgerSchema.Columns} FROM ledger WHERE device_id = $from ORDER BY sequence", unchecked((long)deviceId));

    public long? Verify() => LedgerVerifier.Verify(this).FirstBadSequence;

    public void Dispose()
    {
        lock (gate)
        {
            insert.Dispose();
            head.Dispose();
            DisposeDeviceState();
            connection.Dispose();
        }
    }

    /// <summary>Opens the file and, for writing, makes it durable and creates the schema. A full or
    /// read-only medium already refuses here, with the same typed errors as an append.</summary>
    private static SqliteConnection OpenAndPrepare(string path, bool readOnly)
    {
        SqliteConnection? opened = null;
        try
        {
            opened = SqliteConnections.Open(path, readOnly);
            if (!readOnly)
            {
                SqliteConnections.MakeDurable(opened);
                SqliteConnections.Execute(opened, LedgerSchema.Create);
            }
            else if (SqliteConnections.Execute(opened, LedgerSchema.Exists) is null)
            {
                throw new InvalidDataException($"{path} is not an AqNano ledger: it has no ledger table");
            }
            return opened;
        }
        catch (SqliteException failure)
        {
            opened?.Dispose();
            throw SqliteFailures.Translate(failure, path);
        }
        catch
        {
            opened?.Dispose();
            throw;
        }
    }

    private (long Sequence, byte[] Hash) ReadHead()
    {
        using var reader = head.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : (0, LedgerHashing.GenesisPreviousHash());
    }

    private void Insert(LedgerEntry entry)
    {
        insert.Parameters["$sequence"].Value = entry.Sequence;
        insert.Parameters["$time"].Value = entry.TimeUnixMs;
        insert.Parameters["$kind"].Value = entry.Kind;
        insert.Parameters["$device"].Value = unchecked((long)entry.DeviceId);
        insert.Parameters["$frame"].Value = entry.Frame;
        insert.Parameters["$detail"].Value = entry.Detail;
        insert.Parameters["$previous"].Value = entry.PreviousHash;
        insert.Parameters["$hash"].Value = entry.Hash;
        insert.ExecuteNonQuery();
    }

    /// <summary>Reads on a connection of its own, so that a long export never holds the writer's
    /// lock; WAL gives it a consistent snapshot while appends go on.</summary>
    private IEnumerable<LedgerEntry> Query(string sql, long argument)
    {
        using var reader = SqliteConnections.Open(Path, readOnly: true);
        using var command = reader.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", argument);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return new LedgerEntry(rows.GetInt64(0), rows.GetInt64(1), rows.GetString(2),
                unchecked((ulong)rows.GetInt64(3)), rows.GetFieldValue<byte[]>(4), rows.GetString(5),
                rows.GetFieldValue<byte[]>(6), rows.GetFieldValue<byte[]>(7));
        }
    }
}
