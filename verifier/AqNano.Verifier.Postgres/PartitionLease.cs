namespace AqNano.Verifier.Postgres;

/// <summary>A partition this worker holds, with the fencing token of its takeover (it grew by one when
/// this worker took the partition, so it is larger than any earlier owner's).</summary>
public readonly record struct PartitionLease(int Partition, long Token);
