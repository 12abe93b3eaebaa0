using Microsoft.Data.Sqlite;

namespace AqNano.Lineage.Tests;

/// <summary>Direct access to a ledger file, as an attacker or an auditor with the file would have.</summary>
public static class RawSql
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>Changes one byte of one column of one record, bypassing the append-only triggers
    /// the way anyone holding the file could (they are a guard against mistakes, not against an attacker).</summary>
    public static void AlterOneByte(string path, long sequence, string column)
    {
        using var connection = Open(path);
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {column} FROM ledger WHERE sequence = {sequence}";
        object value = read.ExecuteScalar()!;
        object altered = value switch
        {
            long number => number ^ 1,
            byte[] bytes => FlipFirstBit(bytes),
            string text => text.Length == 0 ? "x" : (char)(text[0] ^ 1) + text[1..],
            _ => throw new InvalidOperationException($"unexpected column type {value.GetType()}"),
        };
        using var write = connection.CreateCommand();
        write.CommandText = $"DROP TRIGGER ledger_refuses_update; UPDATE ledger SET {column} = $value WHERE sequence = {sequence}";
        write.Parameters.AddWithValue("$value", altered);
        write.ExecuteNonQuery();
    }

    private static byte[] FlipFirstBit(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[0] ^= 1;
        return copy;
    }
}
