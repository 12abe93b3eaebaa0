using System.CommandLine;
using AqNano.Protocol;
using AqNano.Verifier.Reports;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano report`: the lineage engineer's state-awareness report (per device or per fleet)
/// from the ledger alone, Markdown or HTML (by the output's extension): a SQLite ledger file (`--ledger`) or
/// the workers' partitioned ledger in PostgreSQL (`--postgres`, docs/SCALING.md), read without writing.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var ledger = new Option<string?>("--ledger") { Description = "SQLite ledger file (default: ~/.local/share/aqnano/ledger.db)." };
        var device = new Option<string?>("--device") { Description = "One device id (16 hex characters); default: the whole fleet." };
        var output = new Option<string?>("--out") { Description = "Output file, .md or .html (default: Markdown on standard output)." };
        var command = new Command("report", "Write the state-awareness report per device or per fleet.") { ledger, device, output };
        var postgres = new PostgresLedgerArguments("aqnano report");
        postgres.AddTo(command);
        command.SetAction(result =>
        {
            var errors = result.InvocationConfiguration.Error;
            ulong? deviceId = null;
            if (result.GetValue(device) is { } id)
            {
                if (id.Length != 16 || !Hex.TryParseWire(id, 0, out ulong parsed)) { errors.WriteLine($"aqnano report: --device must be 16 lower-case hex characters, not '{id}'"); return 2; }
                deviceId = parsed;
            }
            string? outPath = null;
            if (result.GetValue(output) is { } given && !PathArguments.TryWritableFile(given, false, out outPath, out string error))
            {
                errors.WriteLine("aqnano report: " + error);
                return 2;
            }
            if (!postgres.OnlyOneLedger(result, ledger)) return 2;
            Verifier.Lineage.ILedger? opened;
            string path;
            var options = new ReportOptions();
            if (postgres.Given(result))
            {
                if (!postgres.TryOpen(result, out var partitioned, out path)) return 2;
                opened = partitioned;
                options = options with { Integrity = Integrity(partitioned!.VerifyAll()) };
            }
            else
            {
                if (!LineageCommand.TryOpen(result, ledger, out var sqlite, out path)) return 2;
                opened = sqlite;
            }
            using (opened)
            {
                if (outPath != null)
                {
                    StateAwarenessReport.WriteToFile(opened!, outPath, deviceId, options);
                    errors.WriteLine($"report of {path} written to {outPath}");
                }
                else
                {
                    result.InvocationConfiguration.Output.Write(StateAwarenessReport.Markdown(opened!, deviceId, options));
                }
                return 0;
            }
        });
        return command;
    }

    /// <summary>The partitioned ledger's proof in the report's words: each partition's chain and the anchors over
    /// them (docs/SCALING.md), and the tail after the newest anchor that a truncation could cut unseen.</summary>
    private static string Integrity(Verifier.Postgres.PartitionedLedgerVerification verification) => !verification.Verified
        ? $"Ledger integrity: VERIFY FAILS at record {verification.FirstBadSequence}: {verification.Problem}. Treat everything after it as unproven."
        : $"Ledger integrity: {verification.PartitionsUsed} partition chains and {verification.Anchors} anchors verify through record {verification.RecordsChecked}; "
          + (verification.Anchors == 0
              ? "no anchor yet, so every record could be cut off unseen."
              : $"last anchor #{verification.LastAnchorSequence}, hash {verification.LastAnchorHashHex}; {verification.RecordsAfterLastAnchor} records after it are not yet anchored.");
}
