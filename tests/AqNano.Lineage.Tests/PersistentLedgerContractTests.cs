using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>What a ledger on shared storage (a file, a database) must also do: <see cref="LedgerContractTests.Open"/>
/// opens the same storage again, as a restart or another worker would.</summary>
public abstract class PersistentLedgerContractTests : LedgerContractTests
{
    [SkippableFact]
    public void A_reopened_ledger_continues_the_chain()
    {
        byte[] headHash;
        using (var ledger = Open())
        {
            SampleRecords.AppendNumbered(ledger, 5);
            headHash = ledger.Read(5).Single().Hash;
        }
        using var reopened = Open();
        // The same device as the first five, so that the sixth continues their chain in a partitioned ledger too.
        var sixth = reopened.Append(99, "operator", SampleRecords.Numbered(5).DeviceId, [], "{\"action\":\"revoke\"}");

        Assert.Equal(6, sixth.Sequence);
        Assert.Equal(headHash, sixth.PreviousHash);
        Assert.Null(reopened.Verify());
    }

    [SkippableFact]
    public void Several_ledgers_on_one_storage_like_several_workers_keep_one_chain()
    {
        var workers = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        try
        {
            Parallel.For(0, workers.Count, worker =>
            {
                for (int i = 0; i < 20; i++)
                {
                    if (i % 5 == 0) workers[worker].AppendBatch([SampleRecords.Numbered(i, (ulong)worker), SampleRecords.Numbered(i + 1, (ulong)worker)]);
                    else workers[worker].Append(i, "frame", (ulong)worker, new byte[] { (byte)i }, "{}");
                }
            });

            Assert.Equal(3 * 24, workers[0].Read().Count());
            Assert.Null(workers[1].Verify());
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }
    }
}
