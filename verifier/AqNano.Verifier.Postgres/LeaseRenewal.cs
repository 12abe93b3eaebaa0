namespace AqNano.Verifier.Postgres;

/// <summary>What one renewal found: the leases still held (renewed until now + TTL on the server's
/// clock) and how many workers have an unexpired heartbeat, this one included.</summary>
public sealed record LeaseRenewal(IReadOnlyList<PartitionLease> Held, int LiveWorkers);
