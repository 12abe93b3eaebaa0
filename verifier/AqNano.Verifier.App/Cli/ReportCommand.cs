using System.CommandLine;
using AqNano.Protocol;
using AqNano.Verifier.Reports;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano report`: the lineage engineer's state-awareness report (per device or per fleet)
/// from the ledger alone, Markdown or HTML (by the output's extension).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var ledger = new Option<string?>("--ledger") { Description = "SQLite ledger file (default: ~/.local/share/aqnano/ledger.db)." };
        var device = new Option<string?>("--device") { Description = "One device id (16 hex characters); default: the whole fleet." };
        var output = new Option<string?>("--out") { Description = "Output file, .md or .html (default: Markdown on standard output)." };
        var command = new Command("report", "Write the state-awareness report per device or per fleet.") { ledger, device, output };
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
            if (!LineageCommand.TryOpen(result, ledger, out var opened, out string path)) return 2;
            using (opened)
            {
                if (outPath != null)
                {
                    StateAwarenessReport.WriteToFile(opened!, outPath, deviceId);
                    errors.WriteLine($"report of {path} written to {outPath}");
                }
                else
                {
                    result.InvocationConfiguration.Output.Write(StateAwarenessReport.Markdown(opened!, deviceId));
                }
                return 0;
            }
        });
        return command;
    }
}
