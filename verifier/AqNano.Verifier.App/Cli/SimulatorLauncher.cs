using System.Diagnostics;

namespace AqNano.Verifier.App.Cli;

/// <summary>Starts the simulator as its own process (DESIGN.md "Parts": the verifier never references
/// the simulator; they meet over MQTT). Either a given executable or .dll, or the repository's
/// simulator/AqNano.Simulator.Cli project through `dotnet run`, found from this program's folder or
/// the current folder upwards.</summary>
public static class SimulatorLauncher
{
    public const string ProjectPath = "simulator/AqNano.Simulator.Cli/AqNano.Simulator.Cli.csproj";

    public static bool TryStart(string? simulator, IReadOnlyList<string> arguments, Action<string> onLine, out Process? process, out string error)
    {
        process = null;
        error = "";
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (simulator != null)
        {
            if (!PathArguments.TryExistingFile(simulator, out string full, out error)) return false;
            if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) { start.FileName = "dotnet"; start.ArgumentList.Add(full); }
            else start.FileName = full;
        }
        else
        {
            string? project = FindProject();
            if (project == null)
            {
                error = $"the simulator project ({ProjectPath}) was not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; " +
                        "run the demo from the repository, or give --simulator PATH to an aqnano-sim executable or .dll";
                return false;
            }
            start.FileName = "dotnet";
            foreach (string part in new[] { "run", "--project", project, "--" }) start.ArgumentList.Add(part);
        }
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            error = $"could not start the simulator ({start.FileName}): {exception.Message}";
            return false;
        }
        if (process == null) { error = $"could not start the simulator ({start.FileName})"; return false; }
        process.OutputDataReceived += (_, e) => { if (e.Data != null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) onLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return true;
    }

    /// <summary>Stops the process this launcher started, and its children (dotnet run's child). A Ctrl+C
    /// on the terminal reaches the simulator too: it gets a moment to print its summary and leave, then
    /// it is killed (within System.CommandLine's 2 s termination timeout).</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.WaitForExit(1500)) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
    }

    private static string? FindProject()
    {
        foreach (string from in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(from); folder != null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, ProjectPath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
