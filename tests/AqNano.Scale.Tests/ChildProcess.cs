using System.Collections.Concurrent;
using System.Diagnostics;

namespace AqNano.Scale.Tests;

/// <summary>A built .NET program of the repository run as its own process (`dotnet x.dll ...`), its output
/// collected, killable with SIGKILL as an operator's `kill -9` would.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public ChildProcess(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) _lines.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join("\n", _lines);
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; fails with the output so far if the process
    /// exits or the generous timeout passes first.</summary>
    public async Task WaitForLineAsync(string prefix, int timeoutSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!_lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"no line '{prefix}' (exited: {_process.HasExited}):\n{Output}");
            await Task.Delay(100);
        }
    }

    public Task WaitForExitAsync(CancellationToken cancel) => _process.WaitForExitAsync(cancel);

    /// <summary>SIGKILL: no shutdown code runs; leases are not given back, they expire.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
