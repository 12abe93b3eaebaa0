using System.Diagnostics;

namespace AqNano.Lineage.Tests;

/// <summary>A ledger on a real small file system that fills up, then grows, then turns read-only
/// (ENVIRONMENT.md: a tmpfs in a private mount namespace, `unshare -m`; as root chmod would not
/// stop a write). The writer is the AppendLoop child, so that all of it happens inside the namespace
/// and the mount vanishes with it. Needs root and unshare (as on the project's machines and CI).</summary>
[Trait("Requires", "root-mount-namespace")]
public sealed class RealMediumTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    [Fact]
    public async Task A_full_disk_refuses_typed_without_corruption_and_appends_resume_when_space_and_write_access_return()
    {
        string mountPoint = folder.Path;
        string child = $"dotnet {Path.Combine(AppContext.BaseDirectory, "AqNano.Lineage.AppendLoop.dll")}";
        string ledger = Path.Combine(mountPoint, "ledger.db");
        string script = string.Join(" && ",
            $"mount -t tmpfs -o size=256k tmpfs {mountPoint}",
            $"{child} fill {ledger}",
            $"mount -o remount,size=4m {mountPoint}",
            $"{child} append {ledger} 10",
            $"mount -o remount,ro {mountPoint}",
            $"{{ {child} append {ledger} 1 || true; }}",
            $"mount -o remount,rw {mountPoint}",
            $"{child} append {ledger} 1");

        var lines = await Run("unshare", "-m", "sh", "-c", script);

        // 256 KiB fill up after a handful of 1.5 KB records (the WAL holds whole pages per commit).
        long full = long.Parse(lines[0]["acknowledged ".Length..]);
        Assert.InRange(full, 1, 200);
        Assert.Equal(
            [
                $"acknowledged {full}", "refused LedgerFullException", "verify ok",
                $"acknowledged {full + 10}", "verify ok",
                $"refused LedgerReadOnlyException: ledger {ledger} is on a read-only medium: nothing was written",
                $"acknowledged {full + 11}", "verify ok",
            ],
            lines);
    }

    private static async Task<string[]> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var errors = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // bounded: never leave it running
        }
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => folder.Dispose();
}
