using System.CommandLine;

namespace AqNano.Verifier.App.Cli;

/// <summary>The `aqnano` command tree (issue 6 item 1).</summary>
public static class AqNanoCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AqNano: keyless device identity from behavioural continuity.");
        root.Add(ServeCommand.Create());
        root.Add(DemoCommand.Create());
        root.Add(LineageCommand.Create());
        root.Add(ReportCommand.Create());
        root.Add(ReplayCommand.Create());
        root.Add(GatewayCommand.Create());
        return root;
    }
}
