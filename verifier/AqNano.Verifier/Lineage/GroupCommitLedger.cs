namespace AqNano.Verifier.Lineage;

/// <summary>Group commit for callers on many threads (the broker judges publishes concurrently):
/// each Append still returns only once its record is durable, but appends that arrive while a
/// commit is in flight wait and go out together in the next one, one fsync for all of them
/// (leader/follower: whichever waiting caller finds no commit running commits the queue).
/// A failed batch fails every caller in it with the same typed error, and none of it was written:
/// <see cref="ILedger.AppendBatch"/> is all or nothing.</summary>
public sealed class GroupCommitLedger : ILedger
{
    private readonly ILedger inner;
    private readonly object gate = new();
    private List<Waiter> queue = new();
    private bool committing;

    public GroupCommitLedger(ILedger inner) => this.inner = inner;

    /// <summary>Commits made so far, and records in them: their ratio is the mean group size.</summary>
    public long Commits { get; private set; }
    public long Records { get; private set; }

    /// <summary>Appends queued behind the commit in flight.</summary>
    public int Waiting
    {
        get { lock (gate) return queue.Count; }
    }

    public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
    {
        var waiter = new Waiter(new PendingRecord(timeUnixMs, kind, deviceId, frame.ToArray(), detail));
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

    public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
    {
        lock (gate)
        {
            while (committing) Monitor.Wait(gate);
            committing = true;
        }
        try
        {
            return inner.AppendBatch(records);
        }
        finally
        {
            lock (gate)
            {
                committing = false;
                Monitor.PulseAll(gate);
            }
        }
    }

    public IEnumerable<LedgerEntry> Read(long fromSequence = 1) => inner.Read(fromSequence);

    public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId) => inner.ReadDevice(deviceId);

    public long? Verify() => inner.Verify();

    public void Dispose() => inner.Dispose();

    private void Commit(List<Waiter> batch)
    {
        IReadOnlyList<LedgerEntry>? appended = null;
        Exception? failure = null;
        try
        {
            appended = inner.AppendBatch(batch.Select(w => w.Record).ToList());
        }
        catch (Exception error)
        {
            failure = error;
        }
        lock (gate)
        {
            for (int i = 0; i < batch.Count; i++) batch[i].Complete(appended?[i], failure);
            Commits++;
            Records += batch.Count;
            committing = false;
            Monitor.PulseAll(gate);
        }
    }

    private sealed class Waiter(PendingRecord record)
    {
        private LedgerEntry? entry;
        private Exception? failure;

        public PendingRecord Record { get; } = record;
        public bool Done { get; private set; }

        public void Complete(LedgerEntry? appended, Exception? error)
        {
            entry = appended;
            failure = error;
            Done = true;
        }

        /// <summary>Each caller gets an exception of its own (one instance must not be thrown on many threads).</summary>
        public LedgerEntry Result() => failure switch
        {
            null => entry!,
            LedgerFullException full => throw new LedgerFullException(full.Message, full),
            LedgerReadOnlyException readOnly => throw new LedgerReadOnlyException(readOnly.Message, readOnly),
            _ => throw new LedgerWriteException($"group commit failed, nothing was written: {failure.Message}", failure),
        };
    }
}
