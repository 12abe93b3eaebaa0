namespace AqNano.Verifier.Lineage;

/// <summary>The append-only, hash-chained ledger. Append returns only once the record is durable
/// (the broker acknowledges a frame after that). Nothing is ever updated in place. SQLite now;
/// PostgreSQL later (DESIGN.md "Scale"), as a new adapter behind this interface.</summary>
public interface ILedger : IDisposable
{
    /// <summary>Appends one record, chaining it to the last; returns it with Sequence, PreviousHash and Hash set.</summary>
    LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail);

    /// <summary>Appends several records as one group commit: all of them become durable together,
    /// or none does (one fsync for the batch instead of one per record). Returns them chained, in order.
    /// The default appends one by one (not atomic); the ledgers in this folder override it.</summary>
    IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
    {
        var appended = new List<LedgerEntry>(records.Count);
        foreach (var record in records)
        {
            appended.Add(Append(record.TimeUnixMs, record.Kind, record.DeviceId, record.Frame.Span, record.Detail));
        }
        return appended;
    }

    /// <summary>Records in order, from <paramref name="fromSequence"/> (inclusive).</summary>
    IEnumerable<LedgerEntry> Read(long fromSequence = 1);

    /// <summary>Records of one device, in order.</summary>
    IEnumerable<LedgerEntry> ReadDevice(ulong deviceId);

    /// <summary>Recomputes every hash; returns null when the whole ledger verifies, else the first bad record's sequence.</summary>
    long? Verify();
}
