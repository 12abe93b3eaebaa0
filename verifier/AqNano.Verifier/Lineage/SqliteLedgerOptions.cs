namespace AqNano.Verifier.Lineage;

/// <summary>How <see cref="SqliteLedger"/> opens its file.</summary>
public sealed record SqliteLedgerOptions
{
    /// <summary>Open for reading only (verify, export, report): appends throw <see cref="LedgerReadOnlyException"/>.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>A cap on the file's size in pages (SQLite max_page_count; 4096-byte pages), or null
    /// for SQLite's default. Reaching it throws <see cref="LedgerFullException"/> as a full disk does.</summary>
    public long? MaxPageCount { get; init; }
}
