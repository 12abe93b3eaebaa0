using System.CommandLine;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;
using Npgsql;

namespace AqNano.Verifier.App.Cli;

/// <summary>`--postgres` and `--partitions` of `aqnano lineage verify|export` and `aqnano report`: the partitioned ledger the
/// workers write (docs/SCALING.md), opened without migrating or writing anything, so that a connection
/// string pointing at the wrong database is an error rather than a freshly created, empty, "verified" ledger.
/// Messages name the server as host:port/database (schema), never the connection string, which may hold a password.</summary>
/// <param name="verb">The command as its messages name it ("aqnano lineage verify").</param>
public sealed class PostgresLedgerArguments(string verb)
{
    public Option<string?> ConnectionString { get; } = new("--postgres")
    {
        Description = "Npgsql connection string of the partitioned ledger in PostgreSQL (instead of a SQLite --ledger file).",
    };

    public Option<int> Partitions { get; } = new("--partitions")
    {
        Description = "Partition count the ledger was written with (with --postgres).",
        DefaultValueFactory = _ => DevicePartitions.DefaultCount,
    };

    public void AddTo(Command command)
    {
        command.Add(ConnectionString);
        command.Add(Partitions);
    }

    public bool Given(ParseResult result) => result.GetValue(ConnectionString) is not null;

    /// <summary>False, having said why, when both a SQLite <paramref name="ledger"/> file and --postgres are given.</summary>
    public bool OnlyOneLedger(ParseResult result, Option<string?> ledger)
    {
        if (result.GetValue(ledger) is null || !Given(result)) return true;
        result.InvocationConfiguration.Error.WriteLine($"{verb}: give --ledger or --postgres, not both");
        return false;
    }

    /// <summary>Opens the ledger and checks it holds records; on failure writes why (prefixed with the verb) and returns false.</summary>
    public bool TryOpen(ParseResult result, out PostgresPartitionedLedger? opened, out string name)
    {
        opened = null;
        name = "PostgreSQL";
        var errors = result.InvocationConfiguration.Error;
        int partitions = result.GetValue(Partitions);
        if (partitions < 1)
        {
            errors.WriteLine($"{verb}: --partitions must be at least 1, not {partitions}");
            return false;
        }
        try
        {
            name = DisplayName(new NpgsqlConnectionStringBuilder(result.GetValue(ConnectionString)));
        }
        catch (ArgumentException invalid)
        {
            errors.WriteLine($"{verb}: --postgres is not a valid Npgsql connection string: {invalid.Message}");
            return false;
        }
        try
        {
            opened = PostgresPartitionedLedger.OpenExisting(result.GetValue(ConnectionString)!, partitions);
            if (opened.LastSequence > 0) return true;
            errors.WriteLine($"{verb}: {name}: the partitioned ledger holds no records");
        }
        catch (LedgerWriteException unreachable)
        {
            errors.WriteLine($"{verb}: cannot read {name}: {unreachable.InnerException?.Message ?? unreachable.Message}");
        }
        catch (NpgsqlException unreachable)
        {
            errors.WriteLine($"{verb}: cannot read {name}: {unreachable.Message}");
        }
        catch (InvalidOperationException notALedger)
        {
            errors.WriteLine($"{verb}: {name}: {notALedger.Message}");
        }
        opened?.Dispose();
        opened = null;
        return false;
    }

    private static string DisplayName(NpgsqlConnectionStringBuilder settings)
    {
        string schema = string.IsNullOrEmpty(settings.SearchPath) ? "" : $" (schema {settings.SearchPath})";
        return $"postgresql://{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}{schema}";
    }
}
