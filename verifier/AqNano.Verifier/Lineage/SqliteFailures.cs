using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Lineage;

/// <summary>Turns SQLite's result codes (sqlite.org/rescode.html) into the ledger's typed errors.</summary>
internal static class SqliteFailures
{
    private const int SqliteReadOnly = 8;   // SQLITE_READONLY: read-only file, medium, open mode or query_only
    private const int SqliteIoError = 10;   // SQLITE_IOERR: the OS refused a read, write or fsync
    private const int SqliteCantOpen = 14;  // SQLITE_CANTOPEN: e.g. a WAL file on a read-only medium
    private const int SqliteFull = 13;      // SQLITE_FULL: disk full or max_page_count reached

    /// <param name="what">What the file holds, for the message: "ledger", "device state".</param>
    public static LedgerWriteException Translate(SqliteException failure, string path, string what = "ledger") => failure.SqliteErrorCode switch
    {
        SqliteFull => new LedgerFullException($"{what} {path} is full (disk or its page cap): nothing was written", failure),
        SqliteReadOnly => new LedgerReadOnlyException($"{what} {path} is read-only: nothing was written", failure),
        SqliteCantOpen when OnReadOnlyMedium(path) => new LedgerReadOnlyException($"{what} {path} is on a read-only medium: nothing was written", failure),
        SqliteIoError => new LedgerWriteException($"{what} {path}: I/O error, nothing was written: {failure.Message}", failure),
        _ => new LedgerWriteException($"{what} {path}: append failed, nothing was written: {failure.Message}", failure),
    };

    /// <summary>SQLite says only "unable to open" when a WAL database sits on a read-only file system;
    /// opening the file for writing ourselves tells that case (EROFS) from a missing folder.</summary>
    private static bool OnReadOnlyMedium(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return false;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
