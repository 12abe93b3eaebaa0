using AqNano.Verifier.Lineage;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The steps of a <see cref="PostgresPartitionedLedger"/> write: lock and read heads, chain, insert.</summary>
internal static class PartitionedLedgerSteps
{
    /// <summary>The record at global <paramref name="sequence"/>, following <paramref name="previousHash"/>
    /// (its partition's head): hashed exactly as the single chain's records (<see cref="LedgerHashing"/>).</summary>
    public static LedgerEntry Chain(long sequence, byte[] previousHash, PendingRecord record)
    {
        byte[] frame = record.Frame.ToArray();
        byte[] hash = LedgerHashing.ComputeHash(previousHash, sequence, record.TimeUnixMs, record.Kind, record.DeviceId, frame, record.Detail);
        return new LedgerEntry(sequence, record.TimeUnixMs, record.Kind, record.DeviceId, frame, record.Detail, previousHash, hash);
    }

    /// <summary>Takes the locks, then reads the heads of <paramref name="partitions"/> and draws <paramref name="count"/>
    /// sequences: three statements in one round trip, each run after the one before it has finished. Statements
    /// in <paramref name="afterLocks"/> (the joint commit's state compare-and-sets) follow in the same round trip,
    /// so they too run under the locks; their RecordsAffected is set when this returns.</summary>
    public static (Dictionary<int, PartitionHead> Heads, long[] Sequences) LockAndReadHeads(NpgsqlConnection connection,
        NpgsqlTransaction transaction, NpgsqlBatchCommand lockCommand, int[] partitions, int count,
        IReadOnlyList<NpgsqlBatchCommand>? afterLocks = null)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        var headsCommand = new NpgsqlBatchCommand(PartitionedLedgerSql.HeadsOf);
        headsCommand.Parameters.AddWithValue("partitions", partitions);
        var sequencesCommand = new NpgsqlBatchCommand(PartitionedLedgerSql.NextSequences);
        sequencesCommand.Parameters.AddWithValue("count", count);
        batch.BatchCommands.Add(lockCommand);
        batch.BatchCommands.Add(headsCommand);
        batch.BatchCommands.Add(sequencesCommand);
        foreach (var command in afterLocks ?? []) batch.BatchCommands.Add(command);
        using var reader = batch.ExecuteReader();
        while (reader.Read()) { }
        reader.NextResult();
        var heads = new Dictionary<int, PartitionHead>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1)) heads[reader.GetInt32(0)] = new PartitionHead(reader.GetInt32(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }
        reader.NextResult();
        var sequences = new List<long>(count);
        while (reader.Read()) sequences.Add(reader.GetInt64(0));
        // Consume the rest of the batch: an error raised by a later statement surfaces here, inside the caller's try.
        while (reader.NextResult()) { }
        sequences.Sort();
        return (heads, sequences.ToArray());
    }

    public static NpgsqlBatchCommand InsertCommand(int partition, LedgerEntry entry)
    {
        var insert = new NpgsqlBatchCommand(PartitionedLedgerSql.Insert);
        insert.Parameters.AddWithValue("partition", partition);
        insert.Parameters.AddWithValue("sequence", entry.Sequence);
        insert.Parameters.AddWithValue("time", entry.TimeUnixMs);
        insert.Parameters.AddWithValue("kind", entry.Kind);
        insert.Parameters.AddWithValue("device", unchecked((long)entry.DeviceId));
        insert.Parameters.AddWithValue("frame", entry.Frame);
        insert.Parameters.AddWithValue("detail", entry.Detail);
        insert.Parameters.AddWithValue("previous", entry.PreviousHash);
        insert.Parameters.AddWithValue("hash", entry.Hash);
        return insert;
    }
}
