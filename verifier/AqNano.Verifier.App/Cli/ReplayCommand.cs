using System.CommandLine;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Replay;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano replay FILE`: the verifier core's offline replay of a capture (JSON lines
/// {"t","topic","frame","path","conn"}), one judgement per line as JSON on standard output; bad
/// lines are reported on standard error with their number and skipped.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var capture = new Argument<string>("FILE") { Description = "The capture, JSON lines." };
        var policy = new Option<string?>("--policy") { Description = "Policy JSON file (default: built-in defaults)." };
        var ledger = new Option<string?>("--ledger") { Description = "Write the replay's lineage to this SQLite file (default: kept in memory)." };
        var command = new Command("replay", "Judge a capture offline; decisions as JSON lines.") { capture, policy, ledger };
        command.SetAction(result =>
        {
            var errors = result.InvocationConfiguration.Error;
            if (!PathArguments.TryExistingFile(result.GetValue(capture)!, out string capturePath, out string error)
                || !Hosting.BackendFactory.TryLoadPolicy(result.GetValue(policy), out var loaded, out _, out error))
            {
                errors.WriteLine("aqnano replay: " + error);
                return 2;
            }
            string? ledgerPath = null;
            if (result.GetValue(ledger) is { } given && !PathArguments.TryWritableFile(given, false, out ledgerPath, out error))
            {
                errors.WriteLine("aqnano replay: " + error);
                return 2;
            }
            using ILedger lineage = ledgerPath == null ? new InMemoryLedger() : new SqliteLedger(ledgerPath);
            using var reader = new StreamReader(capturePath);
            var summary = new CaptureReplayer(loaded, lineage).Run(reader, result.InvocationConfiguration.Output, errors);
            errors.WriteLine($"replayed {capturePath}: {summary.Lines} lines, {summary.Judged} judged, {summary.BadLines} bad lines skipped");
            return summary.BadLines == 0 ? 0 : 1;
        });
        return command;
    }
}
