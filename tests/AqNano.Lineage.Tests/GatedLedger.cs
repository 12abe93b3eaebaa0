using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>An in-memory ledger whose batches wait for the test to open a gate, so that a test can
/// hold a commit in flight while other appends queue behind it; it can also fail the next batch.</summary>
public sealed class GatedLedger : ILedger
{
    private readonly InMemoryLedger inner = new();

    public ManualResetEventSlim Gate { get; } = new(false);
    public ManualResetEventSlim Entered { get; } = new(false);
    public List<int> BatchSizes { get; } = new();
    /// <summary>Batches of at least this many records fail with a LedgerFullException (writing nothing).</summary>
    public int FailBatchesFrom { get; set; } = int.MaxValue;

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        => AppendBatch([new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail)])[0];

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
    {
        Entered.Set();
        Gate.Wait(TimeSpan.FromSeconds(30));
        lock (BatchSizes) BatchSizes.Add(records.Count);
        if (records.Count >= FailBatchesFrom) throw new LedgerFullException("full (test)");
        return inner.AppendBatch(records);
    }

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1) => inner.Read(fromSequence);
    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId) => inner.ReadDevice(deviceId);
    public long? Verify() => inner.Verify();
    public void Dispose() => inner.Dispose();
}
