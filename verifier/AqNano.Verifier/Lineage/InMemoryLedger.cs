namespace AqNano.Verifier.Lineage;

/// <summary>The ledger in memory: same chaining and verify as <see cref="SqliteLedger"/>, no
/// durability. For large simulations and tests, where a file would only cost disk and time
/// (ENVIRONMENT.md: free disk can be a few hundred MB). Thread-safe.</summary>
public sealed class InMemoryLedger : ILedger
{
    private readonly object gate = new();
    private readonly List<LedgerEntry> records = new();
    private readonly Dictionary<ulong, List<int>> indexByDevice = new();

    public long Count
    {
        get { lock (gate) return records.Count; }
    }

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
    {
        var pending = new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail);
        lock (gate)
        {
            return AppendLocked(pending);
        }
    }

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> batch)
    {
        var appended = new List<LedgerEntry>(batch.Count);
        lock (gate)
        {
            foreach (var pending in batch)
            {
                appended.Add(AppendLocked(pending));
            }
        }
        return appended;
    }

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1)
    {
        LedgerEntry[] snapshot;
        lock (gate) snapshot = records.ToArray();
        for (long i = Math.Max(fromSequence, 1) - 1; i < snapshot.Length; i++)
        {
            yield return snapshot[i];
        }
    }

    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId)
    {
        LedgerEntry[] snapshot;
        lock (gate)
        {
            snapshot = indexByDevice.TryGetValue(deviceId, out var positions)
                ? positions.Select(p => records[p]).ToArray()
                : [];
        }
        return snapshot;
    }

    public long? Verify() => LedgerVerifier.Verify(this).FirstBadSequence;

    public void Dispose()
    {
    }

    private LedgerEntry AppendLocked(PendingRecord pending)
    {
        var last = records.Count == 0 ? null : records[^1];
        var entry = LedgerHashing.Chain(last?.Sequence ?? 0, last?.Hash ?? LedgerHashing.GenesisPreviousHash(), pending);
        records.Add(entry);
        if (!indexByDevice.TryGetValue(entry.DeviceId, out var positions))
        {
            indexByDevice[entry.DeviceId] = positions = new List<int>();
        }
        positions.Add(records.Count - 1);
        return entry;
    }
}
