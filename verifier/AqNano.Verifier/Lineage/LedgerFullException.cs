namespace AqNano.Verifier.Lineage;

/// <summary>The disk, or the ledger's configured size cap (SQLite max_page_count), is full.
/// Nothing was written; appends succeed again once space returns.</summary>
public sealed class LedgerFullException : LedgerWriteException
{
    public LedgerFullException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
