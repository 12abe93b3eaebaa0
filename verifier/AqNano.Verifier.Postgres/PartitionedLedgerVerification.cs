namespace AqNano.Verifier.Postgres;

/// <summary>The outcome of verifying a partitioned ledger (<see cref="PartitionedChainVerifier"/>).</summary>
/// <param name="RecordsChecked">Records read before the first failure (all of them, anchors included, when it verifies).</param>
/// <param name="FirstBadSequence">Null when everything verifies; else the global sequence of the first record
/// at which a check failed (for a head missing from an anchor's view, the anchor).</param>
/// <param name="Problem">One line saying what failed there, empty when it verifies.</param>
/// <param name="PartitionsUsed">Partitions holding at least one record.</param>
/// <param name="Anchors">Anchor records checked.</param>
/// <param name="LastAnchorSequence">The newest anchor's sequence, 0 when there is none.</param>
/// <param name="LastAnchorHashHex">The newest anchor's hash: kept outside the database, it also protects
/// what the anchors cannot (README.md "What verify cannot see").</param>
/// <param name="RecordsAfterLastAnchor">Partition records newer than the newest anchor: the window a
/// truncation could remove undetected.</param>
public sealed record PartitionedLedgerVerification(long RecordsChecked, long? FirstBadSequence, string Problem,
    int PartitionsUsed, long Anchors, long LastAnchorSequence, string LastAnchorHashHex, long RecordsAfterLastAnchor)
{
    public bool Verified => FirstBadSequence is null;
}
