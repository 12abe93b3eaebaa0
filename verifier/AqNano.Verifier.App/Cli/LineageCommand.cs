using System.CommandLine;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano lineage verify` and `aqnano lineage export` over the lineage engineer's API
/// (LedgerVerifier, LedgerExporter); the ledger is opened read-only. The ledger is a SQLite file
/// (`--ledger`) or the partitioned ledger of several workers in PostgreSQL (`--postgres`, docs/SCALING.md).</summary>
public static class LineageCommand
{
    public static Command Create()
    {
        var command = new Command("lineage", "Check or export the append-only, hash-chained ledger.");
        command.Add(Verify());
        command.Add(Export());
        return command;
    }

    private static Option<string?> LedgerOption() => new("--ledger") { Description = "SQLite ledger file (default: ~/.local/share/aqnano/ledger.db)." };

    private static Command Verify()
    {
        var ledger = LedgerOption();
        var postgres = new PostgresLedgerArguments("aqnano lineage verify");
        var keptAnchor = new Option<string?>("--expect-anchor")
        {
            Description = "With --postgres: an anchor hash kept outside the database (64 hex); verify fails unless the ledger still holds it.",
        };
        var command = new Command("verify", "Recompute every record's hash; exit 0 when the whole chain holds, 1 when it breaks.") { ledger, keptAnchor };
        postgres.AddTo(command);
        command.SetAction(result =>
        {
            if (!postgres.OnlyOneLedger(result, ledger)) return 2;
            if (postgres.Given(result)) return VerifyPartitioned(result, postgres, result.GetValue(keptAnchor));
            if (result.GetValue(keptAnchor) is not null)
            {
                result.InvocationConfiguration.Error.WriteLine("aqnano lineage verify: --expect-anchor needs --postgres (a SQLite ledger has no anchors)");
                return 2;
            }
            if (!TryOpen(result, ledger, out var opened, out string path)) return 2;
            using (opened)
            {
                var verification = LedgerVerifier.Verify(opened!);
                var output = result.InvocationConfiguration.Output;
                if (verification.Verified)
                {
                    output.WriteLine($"{path}: verified {verification.RecordsChecked} records; head #{verification.HeadSequence} {verification.HeadHashHex}");
                    return 0;
                }
                output.WriteLine($"{path}: BROKEN at record #{verification.FirstBadSequence}: {verification.Problem}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Every partition chain, the anchor chain and each anchor against the partition heads
    /// (PartitionedChainVerifier); prints the last anchor's hash for the operator to keep elsewhere, since
    /// records after it could be cut off unseen (docs/SCALING.md "What lineage verify checks").</summary>
    private static int VerifyPartitioned(ParseResult result, PostgresLedgerArguments postgres, string? keptAnchorHex)
    {
        byte[]? keptAnchor = null;
        if (keptAnchorHex is not null)
        {
            if (keptAnchorHex.Length != 64 || !IsHex(keptAnchorHex))
            {
                result.InvocationConfiguration.Error.WriteLine($"aqnano lineage verify: --expect-anchor must be 64 hex characters (an anchor hash verify printed), not '{keptAnchorHex}'");
                return 2;
            }
            keptAnchor = Convert.FromHexString(keptAnchorHex);
        }
        if (!postgres.TryOpen(result, out var opened, out string name)) return 2;
        using (opened)
        {
            var verification = opened!.VerifyAll();
            var output = result.InvocationConfiguration.Output;
            if (!verification.Verified)
            {
                output.WriteLine($"{name}: BROKEN at {verification.Problem}");
                return 1;
            }
            output.WriteLine($"{name}: verified {verification.RecordsChecked} records ({verification.PartitionsUsed} partition chains, {verification.Anchors} anchors)");
            output.WriteLine(verification.Anchors == 0
                ? $"no anchor yet: all {verification.RecordsAfterLastAnchor} records could be cut off unseen"
                : $"last anchor #{verification.LastAnchorSequence} {verification.LastAnchorHashHex}; {verification.RecordsAfterLastAnchor} records after it are not yet anchored");
            if (keptAnchor is null) return 0;
            if (opened.FindAnchor(keptAnchor) is long found)
            {
                output.WriteLine($"kept anchor found at #{found}: nothing up to it was cut off");
                return 0;
            }
            output.WriteLine($"{name}: BROKEN: the kept anchor {keptAnchorHex!.ToLowerInvariant()} is not in the ledger: it was cut or rewritten after that anchor was taken");
            return 1;
        }
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    private static Command Export()
    {
        var ledger = LedgerOption();
        var postgres = new PostgresLedgerArguments("aqnano lineage export");
        var format = new Option<string>("--format") { Description = "jsonl or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--out") { Description = "Output file (default: standard output)." };
        var command = new Command("export", "Export every record, with reveals still in the verifier's ring withheld.") { ledger, format, output };
        postgres.AddTo(command);
        command.SetAction(result =>
        {
            if (!postgres.OnlyOneLedger(result, ledger)) return 2;
            var exportFormat = result.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.JsonLines;
            string? outPath = null;
            if (result.GetValue(output) is { } given && !PathArguments.TryWritableFile(given, false, out outPath, out string error))
            {
                result.InvocationConfiguration.Error.WriteLine("aqnano lineage export: " + error);
                return 2;
            }
            ILedger? opened;
            string path;
            if (postgres.Given(result))
            {
                if (!postgres.TryOpen(result, out var partitioned, out path)) return 2;
                opened = partitioned;
            }
            else
            {
                if (!TryOpen(result, ledger, out var sqlite, out path)) return 2;
                opened = sqlite;
            }
            using (opened)
            {
                if (outPath != null)
                {
                    var summary = LedgerExporter.ExportToFile(opened!, exportFormat, outPath);
                    result.InvocationConfiguration.Error.WriteLine($"exported {summary.Records} records of {path} to {outPath} ({summary.WithheldReveals} reveals and {summary.WithheldFrames} frames withheld)");
                }
                else
                {
                    using var stdout = Console.OpenStandardOutput();
                    LedgerExporter.Export(opened!, exportFormat, stdout);
                }
                return 0;
            }
        });
        return command;
    }

    internal static bool TryOpen(ParseResult result, Option<string?> ledger, out SqliteLedger? opened, out string path)
    {
        opened = null;
        if (!PathArguments.TryExistingFile(result.GetValue(ledger) ?? Hosting.DataPaths.DefaultLedger(), out path, out string error))
        {
            result.InvocationConfiguration.Error.WriteLine($"aqnano {result.CommandResult.Command.Name}: ledger {error}");
            return false;
        }
        try
        {
            opened = new SqliteLedger(path, new SqliteLedgerOptions { ReadOnly = true });
            return true;
        }
        catch (Exception exception) when (exception is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            result.InvocationConfiguration.Error.WriteLine($"aqnano {result.CommandResult.Command.Name}: cannot read the ledger {path}: {exception.Message}");
            return false;
        }
    }
}
