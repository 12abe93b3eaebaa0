namespace AqNano.Lineage.Benchmarks;

/// <summary>A ledger file on the working disk (not a tmpfs, so fsync is real), removed afterwards.</summary>
public sealed class BenchmarkLedgerFile : IDisposable
{
    public BenchmarkLedgerFile()
    {
        Folder = Directory.CreateTempSubdirectory("aqnano-lineage-bench-").FullName;
        Path = System.IO.Path.Combine(Folder, "ledger.db");
    }

    public string Folder { get; }
    public string Path { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
