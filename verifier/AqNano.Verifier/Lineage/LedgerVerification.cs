namespace AqNano.Verifier.Lineage;

/// <summary>The outcome of recomputing a whole ledger.</summary>
/// <param name="RecordsChecked">Records read before the first failure (all of them when it verifies).</param>
/// <param name="FirstBadSequence">Null when every record verifies; else the sequence position at which
/// the chain first breaks (the record whose stored fields no longer hash to what the next one holds).</param>
/// <param name="Problem">One line saying what failed there, empty when it verifies.</param>
/// <param name="HeadSequence">The last record's sequence (0 for an empty ledger).</param>
/// <param name="HeadHashHex">The last record's hash: anchor it elsewhere to detect a truncated tail.</param>
public sealed record LedgerVerification(long RecordsChecked, long? FirstBadSequence, string Problem, long HeadSequence, string HeadHashHex)
{
    public bool Verified => FirstBadSequence is null;
}
