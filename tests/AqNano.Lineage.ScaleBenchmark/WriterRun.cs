using System.Diagnostics;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.ScaleBenchmark;

/// <summary>Writers appending for a fixed time, each on its own ledger instance (its own connection pool,
/// as a worker process has), each on a thread of its own; each append is one judged frame as the verifier
/// writes it: one AppendBatch of the frame record and its decision record.</summary>
public static class WriterRun
{
    /// <summary>Records committed per second by all writers together.</summary>
    public static double RecordsPerSecond(IReadOnlyList<ILedger> writers, Func<int, ulong> deviceOf, TimeSpan duration)
    {
        long records = 0;
        var clock = Stopwatch.StartNew();
        var threads = writers.Select((ledger, writer) => new Thread(() =>
        {
            ulong device = deviceOf(writer);
            long mine = 0;
            for (int n = 0; clock.Elapsed < duration; n++) mine += ledger.AppendBatch(JudgedFrame.Records(device, n)).Count;
            Interlocked.Add(ref records, mine);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return records / clock.Elapsed.TotalSeconds;
    }
}
