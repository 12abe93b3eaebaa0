using System.Diagnostics;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Faults;

/// <summary>`aqnano serve` as a child process (the built aqnano.dll beside the tests) on free loopback
/// ports with a given ledger, so that a test can SIGKILL it as an operator's `kill -9` would.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ServeProcess> StartAsync(string ledger, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "aqnano.dll"), "serve", "--ledger", ledger,
                     "--port", port.ToString(), "--tls-port", "0", "--dashboard-port", FreePort.Next().ToString(),
                     "--operator-password", "op", "--viewer-password", "view", "--controller-password", "ctl" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { output.Enqueue(e.Data); if (e.Data.StartsWith("Ctrl+C stops", StringComparison.Ordinal)) ready.TrySetResult(); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != ready.Task)
        {
            if (!process.HasExited) process.Kill();
            throw new InvalidOperationException("aqnano serve did not start:\n" + string.Join("\n", output));
        }
        return new ServeProcess(process, port);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed that was not already durable.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }
}
