using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Workers;

/// <summary>The lease loop of one worker (docs/SCALING-WORKERS.md "Partitions and leases"): every renewal period it drops partitions it
/// can no longer be sure of, renews the rest, then moves toward its fair share, ceil(partitions / live workers):
/// giving back extras (after it has stopped judging them) so that a joining worker gets its share, or taking free
/// and expired partitions (a dead worker's, once their TTL has passed), loading their states fresh and replaying
/// their kept frames. A failed round (PostgreSQL unreachable) changes nothing; the local deadlines then stop
/// judging before any lease could expire on the server.</summary>
public sealed class PartitionWorker(PartitionLeases leases, PartitionRouter router, WorkerOptions options, WorkerMetrics metrics, ILogger logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _replays = [];
    private Task? _loop;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>One round, public so that tests can step it.</summary>
    public void RunRound()
    {
        long started = Environment.TickCount64;
        // A lease is renewed until (server time at renewal) + TTL; stop judging one renewal period before that.
        long deadline = started + (long)(options.LeaseTtl - options.RenewEvery).TotalMilliseconds;
        var lapsed = router.Lapsed();
        if (lapsed.Count > 0)
        {
            router.Drop(lapsed);
            metrics.Lost(lapsed.Count);
            logger.LogWarning("worker {Worker}: stopped judging partitions {Partitions} (lease not renewed in time, or a stale view)",
                options.WorkerId, Ranges(lapsed));
        }
        var held = router.Held();
        LeaseRenewal renewal = leases.Renew(held);
        var renewed = renewal.Held.Select(l => l.Partition).ToList();
        var lost = held.Except(renewed).ToList();
        if (lost.Count > 0)
        {
            router.Drop(lost);
            metrics.Lost(lost.Count);
            logger.LogWarning("worker {Worker}: lost partitions {Partitions} to another worker", options.WorkerId, Ranges(lost));
        }
        router.Extend(renewed, deadline);

        int share = (options.PartitionCount + renewal.LiveWorkers - 1) / renewal.LiveWorkers;
        if (renewed.Count > share)
        {
            var extras = renewed.OrderDescending().Take(renewed.Count - share).Order().ToList();
            router.Drop(extras);
            leases.ReleasePartitions(extras);
            metrics.Released(extras.Count);
            logger.LogInformation("worker {Worker}: gave back partitions {Partitions} ({Live} live workers, share {Share})",
                options.WorkerId, Ranges(extras), renewal.LiveWorkers, share);
        }
        else if (renewed.Count < share)
        {
            var taken = leases.Acquire(share - renewed.Count);
            if (taken.Count > 0)
            {
                var partitions = taken.Select(l => l.Partition).ToList();
                int devices = router.Take(partitions, deadline);
                metrics.Taken(taken.Count);
                logger.LogInformation("worker {Worker}: took partitions {Partitions} (tokens {Tokens}; {Devices} devices loaded; {Live} live workers, share {Share})",
                    options.WorkerId, Ranges(partitions), string.Join(",", taken.Select(l => l.Token).Distinct().Order()), devices, renewal.LiveWorkers, share);
                lock (_replays)
                {
                    _replays.RemoveAll(t => t.IsCompleted);
                    _replays.Add(Task.Run(() => router.ReplayAsync(partitions, _stop.Token)));
                }
            }
        }
        metrics.Owned(router.Held().Count);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                RunRound();
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Never let the loop die: a worker that stops renewing would judge on until its deadlines pass
                // and then stop for good. A failed round changes nothing; the next one tries again.
                logger.LogWarning("worker {Worker}: lease round failed, retrying: {Error}", options.WorkerId, failure.Message);
                metrics.Owned(router.Held().Count);
            }
            try { await Task.Delay(options.RenewEvery, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>A clean stop: stop judging, give every lease back and end the heartbeat, so the others take over at once.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop != null) await _loop;
        Task[] replays;
        lock (_replays) replays = [.. _replays];
        await Task.WhenAll(replays);
        var held = router.Held().Concat(router.Lapsed()).Distinct().ToList();
        router.Drop(held);
        try
        {
            leases.ReleasePartitions(held);
            leases.Retire();
            metrics.Released(held.Count);
        }
        catch (LedgerWriteException failure)
        {
            logger.LogWarning("worker {Worker}: could not give leases back ({Error}); they expire after the TTL", options.WorkerId, failure.Message);
        }
        metrics.Owned(0);
    }

    /// <summary>"0-3,7,9-10": partition lists stay readable in logs.</summary>
    public static string Ranges(IEnumerable<int> partitions)
    {
        var sorted = partitions.Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return parts.Count == 0 ? "(none)" : string.Join(",", parts);
    }
}
