using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Lineage;

/// <summary>Opens the verifier's SQLite files one way everywhere. Pooling is off so that a
/// disposed ledger or store really closes its file (tests reopen and inspect files).</summary>
internal static class SqliteConnections
{
    public static SqliteConnection Open(string path, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>WAL with synchronous=FULL: a commit returns only after the WAL holding it has been
    /// fsynced, so a committed transaction survives a process kill and a power loss
    /// (sqlite.org/pragma.html#pragma_synchronous, sqlite.org/wal.html). NORMAL would be faster
    /// but may lose the last commits on power loss, which breaks "nothing acknowledged is lost".</summary>
    public static void MakeDurable(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode = WAL");
        Execute(connection, "PRAGMA synchronous = FULL");
    }

    /// <summary>Runs one statement and returns its first value, if any (a pragma's answer).</summary>
    public static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
