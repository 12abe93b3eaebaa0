using AqNano.Verifier.Lineage;
using BenchmarkDotNet.Attributes;

namespace AqNano.Lineage.Benchmarks;

/// <summary>Records made durable per second: one Append per commit, AppendBatch of 100 per commit,
/// and 8 threads appending at once through GroupCommitLedger. Each record is shaped like an
/// accepted 8-feature Observation: 166 frame bytes and a ~200-byte Detail.</summary>
public class DurableAppendBenchmarks
{
    private const int BatchSize = 100;
    private const int Threads = 8;
    private const int AppendsPerThread = 25;
    private static readonly byte[] Frame = Enumerable.Range(0, 166).Select(i => (byte)i).ToArray();
    private const string Detail = "{\"verdict\":\"next\",\"epoch\":\"0102030405060708\",\"seq\":1234,\"digest\":\"d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0\",\"connection\":\"c-42\",\"path\":\"confidential\"}";

    private BenchmarkLedgerFile file = null!;
    private SqliteLedger ledger = null!;
    private GroupCommitLedger grouped = null!;
    private InMemoryLedger memory = null!;
    private List<PendingRecord> batch = null!;
    private long time;

    [GlobalSetup]
    public void Setup()
    {
        file = new BenchmarkLedgerFile();
        ledger = new SqliteLedger(file.Path);
        grouped = new GroupCommitLedger(ledger);
        memory = new InMemoryLedger();
        batch = Enumerable.Range(0, BatchSize).Select(i => new PendingRecord(i, "frame", 7, Frame, Detail)).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ledger.Dispose();
        file.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SQLite Append, 1 record per commit")]
    public LedgerEntry SingleAppend() => ledger.Append(++time, "frame", 7, Frame, Detail);

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "SQLite AppendBatch, 100 records per commit")]
    public IReadOnlyList<LedgerEntry> BatchedAppend() => ledger.AppendBatch(batch);

    [Benchmark(OperationsPerInvoke = Threads * AppendsPerThread, Description = "GroupCommitLedger, 8 threads appending")]
    public void GroupCommitEightThreads()
    {
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < AppendsPerThread; i++) grouped.Append(i, "frame", 7, Frame, Detail);
        });
    }

    [Benchmark(Description = "InMemoryLedger Append (hashing only, not durable)")]
    public LedgerEntry InMemoryAppend() => memory.Append(++time, "frame", 7, Frame, Detail);
}
