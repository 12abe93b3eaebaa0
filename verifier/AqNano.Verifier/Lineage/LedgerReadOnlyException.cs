namespace AqNano.Verifier.Lineage;

/// <summary>The ledger is open read-only (read-only file or medium, an audit open, or SQLite
/// query_only). Nothing was written; appends succeed again once it is writable.</summary>
public sealed class LedgerReadOnlyException : LedgerWriteException
{
    public LedgerReadOnlyException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
