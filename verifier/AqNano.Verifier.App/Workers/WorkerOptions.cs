namespace AqNano.Verifier.App.Workers;

/// <summary>Worker mode of `serve` (docs/SCALING-WORKERS.md "Partitions and leases"): several processes behind one external broker,
/// sharing device state and lineage in PostgreSQL, each judging the partitions it leases.</summary>
public sealed record WorkerOptions
{
    /// <summary>Names this worker in the lease table and in its MQTT client id; unique per live worker.</summary>
    public required string WorkerId { get; init; }
    /// <summary>Every worker of a fleet must use the same count (the lease table refuses another).</summary>
    public int PartitionCount { get; init; } = Partitions.DevicePartitions.DefaultCount;
    /// <summary>A lease not renewed for this long is free for another worker to take.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How often leases are renewed and the fair share re-checked; also the safety margin: a worker
    /// stops judging a partition this long before its lease could expire on the server.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How long frames of partitions this worker does not own are kept for a takeover. Must cover a
    /// dead owner's lease TTL plus a renewal, with room to spare.</summary>
    public TimeSpan ReplayWindow { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>At most this many kept frames per partition (the oldest go first); the devices' own resend
    /// on a gap Decision covers any frame dropped here.</summary>
    public int ReplayFramesPerPartition { get; init; } = 8192;
    /// <summary>MQTT 5 shared subscription group ($share/NAME/...), for brokers with per-publisher affinity
    /// only (EMQX hash/sticky, HiveMQ). Null: leases decide (every worker receives every frame).</summary>
    public string? SharedGroup { get; init; }

    /// <summary>Null when consistent, else what is wrong (for the CLI's refusal).</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(WorkerId) || WorkerId.Length > 64 || WorkerId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            return "--worker-id must be 1-64 characters of letters, digits, '-', '_' or '.'";
        if (PartitionCount is < 1 or > 4096) return "--partitions must be 1..4096";
        if (LeaseTtl < TimeSpan.FromSeconds(1)) return "--lease-ttl must be at least 1 s";
        if (RenewEvery <= TimeSpan.Zero || RenewEvery * 2 > LeaseTtl) return "--lease-renew must be positive and at most half of --lease-ttl";
        if (ReplayWindow < LeaseTtl * 2) return "the replay window must be at least twice --lease-ttl";
        if (SharedGroup != null && (SharedGroup.Length == 0 || SharedGroup.IndexOfAny(['/', '+', '#']) >= 0))
            return "--shared-group must be a name without '/', '+' or '#'";
        return null;
    }
}
