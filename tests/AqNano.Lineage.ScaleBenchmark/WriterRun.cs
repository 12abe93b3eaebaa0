using System.Diagnostics;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.ScaleBenchmark;

/// <summary>Writers appending for a fixed time, each on its own ledger instance (its own connection pool,
/// as a worker process has), each on a thread of its own, each commit one AppendBatch from <c>batchOf(writer, n)</c>.</summary>
public static class WriterRun
{
    /// <summary>Records committed per second by all writers together.</summary>
    public static double RecordsPerSecond(IReadOnlyList<ILedger> writers, Func<int, int, IReadOnlyList<PendingRecord>> batchOf, TimeSpan duration)
    {
        long records = 0;
        var clock = Stopwatch.StartNew();
        var threads = writers.Select((ledger, writer) => new Thread(() =>
        {
            long mine = 0;
            for (int n = 0; clock.Elapsed < duration; n++) mine += ledger.AppendBatch(batchOf(writer, n)).Count;
            Interlocked.Add(ref records, mine);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return records / clock.Elapsed.TotalSeconds;
    }
}
