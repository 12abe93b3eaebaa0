using AqNano.Verifier.Lineage;
using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>Maps a failure to the ledger's typed errors (Lineage/README.md "Errors"). An error the server
/// reported (a PostgresException) rolled the transaction back: nothing was written. A broken connection
/// is different: if it broke during COMMIT the server may have committed, and no client can know
/// (postgresql.org/docs/15/protocol-flow.html); the caller must not acknowledge either way. SQLSTATE
/// codes from postgresql.org/docs/15/errcodes-appendix.html.</summary>
internal static class PostgresFailures
{
    private const string DiskFull = "53100";
    private const string ReadOnlySqlTransaction = "25006";

    public static LedgerWriteException Translate(NpgsqlException failure, string what)
    {
        string outcome = failure is PostgresException
            ? "nothing was written"
            : "the connection failed; if it failed during COMMIT the write may have happened";
        string message = $"PostgreSQL {what}: {outcome}: {failure.Message}";
        return failure.SqlState switch
        {
            DiskFull => new LedgerFullException(message, failure),
            ReadOnlySqlTransaction => new LedgerReadOnlyException(message, failure),
            _ => new LedgerWriteException(message, failure),
        };
    }
}
