namespace AqNano.Verifier.App.Workers;

/// <summary>The worker's share of /metrics and of the dashboard's fleet view: which partitions it owns and what
/// happened to frames of the others. Counters only grow; owned is a gauge.</summary>
public sealed class WorkerMetrics(string workerId, int partitionCount)
{
    private int _owned;
    private long _kept, _replayed, _settled, _staleWrites, _taken, _lost, _released;

    public string WorkerId { get; } = workerId;
    public int PartitionCount { get; } = partitionCount;
    public int OwnedPartitions => Volatile.Read(ref _owned);
    public long FramesReplayed => Interlocked.Read(ref _replayed);
    public long StaleWritesRefused => Interlocked.Read(ref _staleWrites);
    public long LeasesTaken => Interlocked.Read(ref _taken);
    public long LeasesLost => Interlocked.Read(ref _lost);

    public void Owned(int count) => Volatile.Write(ref _owned, count);
    public void Kept() => Interlocked.Increment(ref _kept);
    public void Replayed() => Interlocked.Increment(ref _replayed);
    public void Settled() => Interlocked.Increment(ref _settled);
    public void StaleWrite() => Interlocked.Increment(ref _staleWrites);
    public void Taken(int count) => Interlocked.Add(ref _taken, count);
    public void Lost(int count) => Interlocked.Add(ref _lost, count);
    public void Released(int count) => Interlocked.Add(ref _released, count);

    public void WriteTo(TextWriter writer)
    {
        string worker = $"worker=\"{WorkerId}\"";
        Gauge(writer, "aqnano_worker_partitions", "Partitions in the fleet (every worker uses the same count).", $"{{{worker}}} {PartitionCount}");
        Gauge(writer, "aqnano_worker_owned_partitions", "Partitions this worker holds a lease on and judges.", $"{{{worker}}} {OwnedPartitions}");
        Counter(writer, "aqnano_worker_frames_kept_total", "Frames of partitions this worker did not own, kept for a takeover.", worker, Interlocked.Read(ref _kept));
        Counter(writer, "aqnano_worker_frames_replayed_total", "Kept frames judged after taking their partition.", worker, FramesReplayed);
        Counter(writer, "aqnano_worker_frames_settled_total", "Kept frames skipped on takeover: behind the ring, so already judged.", worker, Interlocked.Read(ref _settled));
        Counter(writer, "aqnano_worker_stale_writes_refused_total", "State saves the store refused (another worker wrote first).", worker, StaleWritesRefused);
        Counter(writer, "aqnano_worker_leases_taken_total", "Partition leases taken (each a new fencing token).", worker, LeasesTaken);
        Counter(writer, "aqnano_worker_leases_lost_total", "Partition leases lost (not renewed in time).", worker, LeasesLost);
        Counter(writer, "aqnano_worker_leases_released_total", "Partition leases given back to rebalance or at a clean stop.", worker, Interlocked.Read(ref _released));
    }

    private static void Gauge(TextWriter writer, string name, string help, string sample)
    {
        writer.WriteLine($"# HELP {name} {help}");
        writer.WriteLine($"# TYPE {name} gauge");
        writer.WriteLine($"{name}{sample}");
    }

    private static void Counter(TextWriter writer, string name, string help, string labels, long value)
    {
        writer.WriteLine($"# HELP {name} {help}");
        writer.WriteLine($"# TYPE {name} counter");
        writer.WriteLine($"{name}{{{labels}}} {value}");
    }
}
