using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Lineage;

/// <summary>Group commit for callers on many threads (the broker judges publishes concurrently):
/// each caller still returns only once its records (and, through <see cref="CommitAll"/>, its device's
/// state) are durable, but callers that arrive while a commit is in flight wait and go out together
/// in the next one, one fsync for all of them (leader/follower: whichever waiting caller finds no
/// commit running commits the queue). A failed transaction fails every caller in it with the same
/// typed error, and none of it was written. A caller whose state write is stale gets null for that
/// unit and the rest of its group commits (<see cref="IJointCommit"/>).</summary>
public sealed class GroupCommitLedger : ILedger, IJointCommit
{
    private readonly ILedger inner;
    private readonly object gate = new();
    private List<Waiter> queue = new();
    private bool committing;

    public GroupCommitLedger(ILedger inner) => this.inner = inner;

    /// <summary>Commits made so far, and the units (one per caller's judgement or append) and records in
    /// them: Units / Commits is the mean group size.</summary>
    public long Commits { get; private set; }
    public long Units { get; private set; }
    public long Records { get; private set; }

    /// <summary>Callers queued behind the commit in flight.</summary>
    public int Waiting
    {
        get { lock (gate) return queue.Count; }
    }

    /// <summary>True while a commit is in flight (callers arriving now queue for the next one).</summary>
    public bool Committing
    {
        get { lock (gate) return committing; }
    }

    /// <summary>The inner ledger's device state, when it keeps any: state writes need it.</summary>
    public IDeviceStateStore? StateStore => (inner as IJointCommit)?.StateStore;

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        => Enqueue([new CommitUnit([new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail)], null)])[0]![0];

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
        => records.Count == 0 ? [] : Enqueue([new CommitUnit(records, null)])[0]!;

    public IReadOnlyList<IReadOnlyList<LedgerEntry>?> CommitAll(IReadOnlyList<CommitUnit> units)
        => units.Count == 0 ? [] : Enqueue(units);

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1) => inner.Read(fromSequence);

    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId) => inner.ReadDevice(deviceId);

    public long? Verify() => inner.Verify();

    public void Dispose() => inner.Dispose();

    private IReadOnlyList<IReadOnlyList<LedgerEntry>?> Enqueue(IReadOnlyList<CommitUnit> units)
    {
        var waiter = new Waiter(units);
        List<Waiter> batch;
        lock (gate)
        {
            queue.Add(waiter);
            while (!waiter.Done && committing) Monitor.Wait(gate);
            if (waiter.Done) return waiter.Result();
            committing = true;
            batch = queue;
            queue = new List<Waiter>();
        }
        Commit(batch);
        return waiter.Result();
    }

    private void Commit(List<Waiter> batch)
    {
        var units = new List<CommitUnit>();
        foreach (Waiter waiter in batch) units.AddRange(waiter.Units);
        IReadOnlyList<IReadOnlyList<LedgerEntry>?>? results = null;
        Exception? failure = null;
        try
        {
            results = CommitInner(units);
        }
        catch (Exception error)
        {
            failure = error;
        }
        lock (gate)
        {
            int next = 0;
            foreach (Waiter waiter in batch)
            {
                waiter.Complete(results == null ? null : Slice(results, next, waiter.Units.Count), failure);
                next += waiter.Units.Count;
            }
            Commits++;
            Units += units.Count;
            Records += units.Sum(u => u.Records.Count);
            committing = false;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>A ledger that keeps no state (in memory, the single-chain PostgresLedger, a partitioned one
    /// before KeepDeviceState) still groups record-only units:
    /// their records go out as one all-or-nothing batch and are handed back unit by unit.</summary>
    private IReadOnlyList<IReadOnlyList<LedgerEntry>?> CommitInner(List<CommitUnit> units)
    {
        if (inner is IJointCommit joint && joint.StateStore != null) return joint.CommitAll(units);
        if (units.Any(u => u.State != null)) throw new InvalidOperationException("this ledger keeps no device state: a state write cannot join its commit");
        IReadOnlyList<LedgerEntry> appended = inner.AppendBatch(units.SelectMany(u => u.Records).ToList());
        var results = new List<IReadOnlyList<LedgerEntry>?>(units.Count);
        int next = 0;
        foreach (CommitUnit unit in units)
        {
            results.Add(Slice(appended, next, unit.Records.Count));
            next += unit.Records.Count;
        }
        return results;
    }

    private static List<T> Slice<T>(IReadOnlyList<T> items, int start, int count)
    {
        var slice = new List<T>(count);
        for (int i = start; i < start + count; i++) slice.Add(items[i]);
        return slice;
    }

    private sealed class Waiter(IReadOnlyList<CommitUnit> units)
    {
        private IReadOnlyList<IReadOnlyList<LedgerEntry>?>? results;
        private Exception? failure;

        public IReadOnlyList<CommitUnit> Units { get; } = units;
        public bool Done { get; private set; }

        public void Complete(IReadOnlyList<IReadOnlyList<LedgerEntry>?>? committed, Exception? error)
        {
            results = committed;
            failure = error;
            Done = true;
        }

        /// <summary>Each caller gets an exception of its own (one instance must not be thrown on many threads).</summary>
        public IReadOnlyList<IReadOnlyList<LedgerEntry>?> Result() => failure switch
        {
            null => results!,
            LedgerFullException full => throw new LedgerFullException(full.Message, full),
            LedgerReadOnlyException readOnly => throw new LedgerReadOnlyException(readOnly.Message, readOnly),
            _ => throw new LedgerWriteException($"group commit failed, nothing was written: {failure.Message}", failure),
        };
    }
}
