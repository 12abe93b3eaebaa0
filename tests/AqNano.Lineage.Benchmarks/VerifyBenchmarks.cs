using AqNano.Verifier.Lineage;
using BenchmarkDotNet.Attributes;

namespace AqNano.Lineage.Benchmarks;

/// <summary>How fast `aqnano lineage verify` walks a SQLite ledger (records per second).</summary>
public class VerifyBenchmarks
{
    private const int Records = 20_000;
    private BenchmarkLedgerFile file = null!;
    private SqliteLedger ledger = null!;

    [GlobalSetup]
    public void Setup()
    {
        file = new BenchmarkLedgerFile();
        ledger = new SqliteLedger(file.Path);
        var frame = new byte[166];
        for (int start = 0; start < Records; start += 1000)
        {
            ledger.AppendBatch(Enumerable.Range(start, 1000).Select(i => new PendingRecord(i, "frame", (ulong)(i % 50), frame, "{\"verdict\":\"next\"}")).ToList());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ledger.Dispose();
        file.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "Verify a 20,000-record SQLite ledger")]
    public LedgerVerification Verify() => LedgerVerifier.Verify(ledger);
}
