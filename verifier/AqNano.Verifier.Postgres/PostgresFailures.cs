using AqNano.Verifier.Lineage;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>Maps a failed statement to the ledger's typed errors (Lineage/README.md "Errors"): the
/// transaction was rolled back, so nothing was written. SQLSTATE codes from
/// postgresql.org/docs/15/errcodes-appendix.html.</summary>
internal static class PostgresFailures
{
    private const string DiskFull = "53100";
    private const string ReadOnlySqlTransaction = "25006";

    public static LedgerWriteException Translate(NpgsqlException failure, string what)
    {
        string message = $"PostgreSQL {what}: nothing was written: {failure.Message}";
        return failure.SqlState switch
        {
            DiskFull => new LedgerFullException(message, failure),
            ReadOnlySqlTransaction => new LedgerReadOnlyException(message, failure),
            _ => new LedgerWriteException(message, failure),
        };
    }
}
