using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>The per-zone rate of new identities counted in PostgreSQL (<see cref="IIdentityRate"/>): every worker, and a
/// restarted `serve --postgres`, counts against the same sliding hour, so a zone admits newIdentitiesPerHour for the
/// fleet rather than per worker (docs/SCALING-WORKERS.md). One short transaction per new identity (rare: a Genesis of an
/// unknown id), serialized per zone by a transaction-scoped advisory lock keyed by the zone's name.</summary>
public sealed class PostgresIdentityRate : IIdentityRate, IDisposable
{
    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('aqnano.identity_admission:' || @zone, 0))";
    private const string Expire = "DELETE FROM identity_admission WHERE zone = @zone AND admitted_ms <= @now - @window";
    private const string Insert = """
        INSERT INTO identity_admission (zone, admitted_ms)
            SELECT @zone, @now WHERE (SELECT count(*) FROM identity_admission WHERE zone = @zone) < @perHour
        RETURNING 1
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresIdentityRate(string connectionString) =>
        _dataSource = PostgresDataSources.OpenMigrated(connectionString, "identity rate: opening");

    public bool TryAdmit(string zone, int perHour, long nowMs)
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            NpgsqlCommand Command(string sql)
            {
                var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("zone", zone);
                command.Parameters.AddWithValue("now", nowMs);
                command.Parameters.AddWithValue("window", IdentityRate.WindowMs);
                command.Parameters.AddWithValue("perHour", (long)perHour);
                return command;
            }
            using (var locking = Command(Lock)) locking.ExecuteNonQuery();
            using (var expiring = Command(Expire)) expiring.ExecuteNonQuery();
            bool admitted;
            using (var inserting = Command(Insert)) admitted = inserting.ExecuteScalar() is not null;
            transaction.Commit();
            return admitted;
        }
        catch (NpgsqlException failure)
        {
            // Like a ledger write: the frame is not judged, hence not acknowledged, and is resent.
            throw PostgresFailures.Translate(failure, "identity rate: counting a new identity");
        }
    }

    public void Dispose() => _dataSource.Dispose();
}
