namespace AqNano.Verifier.Postgres;

/// <summary>The last record of one partition's chain at the moment an anchor was taken: its global
/// sequence and its hash. An anchor lists one per non-empty partition.</summary>
public sealed record PartitionHead(int Partition, long Sequence, byte[] Hash);
