using System.Diagnostics;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.ScaleBenchmark;

/// <summary>Judgements per second as one `serve --postgres` process writes them: threads judging different
/// devices through one <see cref="GroupCommitLedger"/>, each judgement the two records of a judged frame and its
/// device's 995-byte state (DeviceStateCodec.Size). Joint: one CommitAll unit (records and state in one
/// transaction, README "Joint commit"). Two commits: the former path, AppendBatch and then the store's own TrySave.</summary>
public static class JointRun
{
    private const int StateBytes = 995;
    private const int DevicesPerThread = 64;
    private static int runs;

    public static double JudgementsPerSecond(GroupCommitLedger ledger, IDeviceStateStore store, bool joint, int threads, TimeSpan duration)
    {
        long judged = 0;
        // Fresh devices for every run (a warm-up included), so each run's versions start from a first save.
        int run = Interlocked.Increment(ref runs);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var random = new Random(thread);
            var versions = new long[DevicesPerThread];
            long mine = 0;
            for (int n = 0; clock.Elapsed < duration; n++)
            {
                int slot = n % DevicesPerThread;
                ulong device = (ulong)(run * 1_000_000 + thread * 1_000 + slot + 1);
                var state = new byte[StateBytes];
                random.NextBytes(state);
                var records = JudgedFrame.Records(device, n);
                bool saved = joint
                    ? ledger.CommitAll([new CommitUnit(records, new StateWrite(device, state, versions[slot]))])[0] != null
                    : ledger.AppendBatch(records).Count == records.Count && store.TrySave(device, state, versions[slot]);
                if (!saved) throw new InvalidOperationException($"device {device}: a state write was refused");
                versions[slot]++;
                mine++;
            }
            Interlocked.Add(ref judged, mine);
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        return judged / clock.Elapsed.TotalSeconds;
    }
}
