using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>What every ILedger must do, run against each implementation.</summary>
public abstract class LedgerContractTests : IDisposable
{
    protected readonly TemporaryDirectory Folder = new();

    protected abstract ILedger Open();

    /// <summary>Whether two devices' records share one hash chain: always in a single-chain ledger; in a
    /// partitioned one (DESIGN.md "Scale") only when the devices share a partition. A record's PreviousHash
    /// is the hash of the record before it in its own chain, 32 zero bytes when it opens that chain.</summary>
    protected virtual bool SameChain(ulong deviceA, ulong deviceB) => true;

    [SkippableFact]
    public void Append_chains_each_record_to_the_one_before_in_its_chain()
    {
        using var ledger = Open();
        var first = ledger.Append(10, "policy", 0, [], "{\"sha256\":\"00\"}");
        var second = ledger.Append(11, "frame", 42, new byte[] { 1, 2, 3 }, "{}");

        Assert.Equal(1, first.Sequence);
        Assert.Equal(new byte[32], first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(SameChain(0, 42) ? first.Hash : new byte[32], second.PreviousHash);
        Assert.Equal(LedgerHashing.ComputeHash(second), second.Hash);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [SkippableFact]
    public void Read_returns_what_was_appended_in_order_from_a_sequence()
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 10);

        var all = ledger.Read().ToList();
        var tail = ledger.Read(7).ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), all.Select(r => r.Sequence));
        Assert.Equal(new long[] { 7, 8, 9, 10 }, tail.Select(r => r.Sequence));
        Assert.Equal(SampleRecords.Numbered(4).Frame.ToArray(), all[3].Frame);
        Assert.Equal("{\"n\":4}", all[3].Detail);
        Assert.Equal(1_700_000_000_004, all[3].TimeUnixMs);
    }

    [SkippableFact]
    public void ReadDevice_returns_only_that_devices_records_including_ids_above_long_max()
    {
        using var ledger = Open();
        ulong high = 0xF000_0000_0000_0001;
        ledger.Append(1, "frame", high, [], "{}");
        ledger.Append(2, "frame", 7, [], "{}");
        ledger.Append(3, "decision", high, [], "{}");

        var records = ledger.ReadDevice(high).ToList();

        Assert.Equal(new long[] { 1, 3 }, records.Select(r => r.Sequence));
        Assert.All(records, r => Assert.Equal(high, r.DeviceId));
        Assert.Empty(ledger.ReadDevice(99));
    }

    [SkippableFact]
    public void AppendBatch_chains_like_single_appends()
    {
        using var ledger = Open();
        ledger.Append(1, "policy", 0, [], "{}");
        var batch = ledger.AppendBatch(Enumerable.Range(1, 50).Select(i => SampleRecords.Numbered(i)).ToList());

        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), batch.Select(r => r.Sequence));
        Assert.Null(ledger.Verify());
        Assert.Equal(51, ledger.Read().Count());
    }

    [SkippableFact]
    public void Verify_passes_on_an_intact_ledger_and_names_its_head()
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 25);

        var verification = LedgerVerifier.Verify(ledger);

        Assert.True(verification.Verified);
        Assert.Equal(25, verification.RecordsChecked);
        Assert.Equal(25, verification.HeadSequence);
        Assert.Equal(Convert.ToHexStringLower(ledger.Read(25).Single().Hash), verification.HeadHashHex);
    }

    [SkippableFact]
    public void Concurrent_appends_keep_one_unbroken_chain()
    {
        using var ledger = Open();
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 25; i++) ledger.Append(i, "frame", (ulong)worker, new byte[] { (byte)i }, "{}");
        });

        Assert.Equal(100, ledger.Read().Count());
        Assert.Null(ledger.Verify());
    }

    public void Dispose() => Folder.Dispose();
}
