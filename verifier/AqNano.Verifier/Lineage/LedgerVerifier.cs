namespace AqNano.Verifier.Lineage;

/// <summary>Recomputes a ledger's hash chain from record 1 (`aqnano lineage verify`). Checks, per
/// record in order: its sequence is the next position, its PreviousHash is the hash of the record
/// before (32 zero bytes for record 1), and its Hash is SHA-256 over its own canonical encoding
/// (<see cref="LedgerHashing"/>). Any edit of any byte of any column fails one of these at that record.</summary>
public static class LedgerVerifier
{
    public static LedgerVerification Verify(ILedger ledger) => Verify(ledger.Read());

    public static LedgerVerification Verify(IEnumerable<LedgerEntry> records)
    {
        byte[] previousHash = LedgerHashing.GenesisPreviousHash();
        long expected = 1;
        foreach (var record in records)
        {
            string problem = Check(record, expected, previousHash);
            if (problem.Length > 0)
            {
                return new LedgerVerification(expected - 1, expected, problem, expected - 1, Convert.ToHexStringLower(previousHash));
            }
            previousHash = record.Hash;
            expected++;
        }
        return new LedgerVerification(expected - 1, null, "", expected - 1, Convert.ToHexStringLower(previousHash));
    }

    private static string Check(LedgerEntry record, long expectedSequence, byte[] previousHash)
    {
        if (record.Sequence != expectedSequence)
        {
            return $"record {expectedSequence}: found sequence {record.Sequence} in its place (a record removed, inserted or renumbered)";
        }
        if (!record.PreviousHash.AsSpan().SequenceEqual(previousHash))
        {
            return $"record {expectedSequence}: previous hash does not equal record {expectedSequence - 1}'s hash";
        }
        if (!LedgerHashing.ComputeHash(record).AsSpan().SequenceEqual(record.Hash))
        {
            return $"record {expectedSequence}: stored hash does not match its fields (a field or the hash was altered)";
        }
        return "";
    }
}
