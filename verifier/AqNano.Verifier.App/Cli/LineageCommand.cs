using System.CommandLine;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano lineage verify` and `aqnano lineage export` over the lineage engineer's API
/// (LedgerVerifier, LedgerExporter); the ledger is opened read-only.</summary>
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
        var command = new Command("verify", "Recompute every record's hash; exit 0 when the whole chain holds, 1 when it breaks.") { ledger };
        command.SetAction(result =>
        {
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

    private static Command Export()
    {
        var ledger = LedgerOption();
        var format = new Option<string>("--format") { Description = "jsonl or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--out") { Description = "Output file (default: standard output)." };
        var command = new Command("export", "Export every record, with reveals still in the verifier's ring withheld.") { ledger, format, output };
        command.SetAction(result =>
        {
            var exportFormat = result.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.JsonLines;
            string? outPath = null;
            if (result.GetValue(output) is { } given && !PathArguments.TryWritableFile(given, false, out outPath, out string error))
            {
                result.InvocationConfiguration.Error.WriteLine("aqnano lineage export: " + error);
                return 2;
            }
            if (!TryOpen(result, ledger, out var opened, out string path)) return 2;
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
