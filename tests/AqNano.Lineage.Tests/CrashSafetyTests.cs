using System.Diagnostics;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>A writer killed with SIGKILL in the middle of its append loop: every append it had
/// acknowledged (printed after Append returned) is in the file after reopen, and the chain verifies.
/// SIGKILL tests the process dying, not the machine: power loss is covered by synchronous=FULL's
/// fsync per commit (Lineage/README.md), which no test here can pull the plug on.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory folder = new();

    [Theory]
    [InlineData(1, 150)]
    [InlineData(16, 40)]
    public async Task Every_acknowledged_append_survives_a_sigkill_mid_loop(int batch, int acknowledgementsBeforeKill)
    {
        string file = folder.File("crash.db");
        using var child = StartAppendLoop(file, batch);
        var acknowledged = new List<long>();

        using (var timeout = new CancellationTokenSource(Bound))
        try
        {
            while (acknowledged.Count < acknowledgementsBeforeKill)
            {
                string? line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line); // the child ended early: its stderr says why
                acknowledged.Add(long.Parse(line!["appended ".Length..]));
            }
            child.Kill(); // SIGKILL on Unix: no finally blocks, no flush, no Dispose in the child
            await child.WaitForExitAsync(timeout.Token);
            string rest = await child.StandardOutput.ReadToEndAsync(timeout.Token);
            acknowledged.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l["appended ".Length..])));
        }
        finally
        {
            if (!child.HasExited) child.Kill(); // a failed assertion must not leave the loop running
        }

        using var reopened = new SqliteLedger(file);
        Assert.True(reopened.LastSequence >= acknowledged.Max(), $"acknowledged up to {acknowledged.Max()}, file holds {reopened.LastSequence}");
        Assert.Equal(0, reopened.LastSequence % batch); // a batch is all in or all out
        Assert.Null(reopened.Verify());
        Assert.Equal(reopened.LastSequence + 1, reopened.Append(1, "frame", 1, [], "{}").Sequence);
    }

    private static Process StartAppendLoop(string file, int batch)
    {
        string childDll = Path.Combine(AppContext.BaseDirectory, "AqNano.Lineage.AppendLoop.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { childDll, "loop", file, "20000", batch.ToString() }) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the append loop");
    }

    public void Dispose() => folder.Dispose();
}
