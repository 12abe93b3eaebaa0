using Npgsql;

namespace AqNano.Verifier.Postgres;

/// <summary>Opens a pooled data source and brings its schema up to date, as both adapters do on open;
/// a failure disposes it and raises the ledger's typed errors (<see cref="PostgresFailures"/>).</summary>
internal static class PostgresDataSources
{
    public static NpgsqlDataSource OpenMigrated(string connectionString, string what)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            PostgresMigrations.Apply(dataSource);
            return dataSource;
        }
        catch (NpgsqlException failure)
        {
            dataSource.Dispose();
            throw PostgresFailures.Translate(failure, what);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }
}
