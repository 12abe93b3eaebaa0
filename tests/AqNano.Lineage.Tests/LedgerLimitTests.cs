using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>A full disk and a read-only medium, simulated with SQLite's own limits
/// (max_page_count, query_only): as root, chmod would not stop a write (ENVIRONMENT.md).</summary>
public sealed class LedgerLimitTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private string LedgerFile => folder.File("ledger.db");

    [Fact]
    public void A_full_ledger_refuses_with_a_typed_error_writes_nothing_and_recovers_when_space_returns()
    {
        using var ledger = new SqliteLedger(LedgerFile);
        SampleRecords.AppendNumbered(ledger, 3);
        long pages = Convert.ToInt64(RawSql.Scalar(LedgerFile, "PRAGMA page_count"));
        ledger.SetMaxPageCount(pages + 2);
        var bigFrame = new byte[1500];

        long acknowledged = 3;
        LedgerFullException? full = null;
        for (int i = 0; i < 1000 && full is null; i++)
        {
            try
            {
                acknowledged = ledger.Append(i, "refusal", 5, bigFrame, "{}").Sequence;
            }
            catch (LedgerFullException error)
            {
                full = error;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("full", full!.Message);
        Assert.Throws<LedgerFullException>(() => ledger.AppendBatch([new PendingRecord(1, "refusal", 5, bigFrame, "{}"), new PendingRecord(2, "refusal", 5, bigFrame, "{}")]));
        Assert.Equal(acknowledged, ledger.LastSequence);
        Assert.Null(ledger.Verify());
        Assert.Equal("ok", RawSql.Scalar(LedgerFile, "PRAGMA integrity_check"));

        ledger.SetMaxPageCount(1_000_000);
        var after = ledger.Append(7, "frame", 5, bigFrame, "{}");

        Assert.Equal(acknowledged + 1, after.Sequence);
        Assert.Null(ledger.Verify());
    }

    [Fact]
    public void A_cap_given_at_open_is_enforced()
    {
        using (var seed = new SqliteLedger(LedgerFile)) seed.Append(1, "policy", 0, [], "{}");
        long pages = Convert.ToInt64(RawSql.Scalar(LedgerFile, "PRAGMA page_count"));

        using var ledger = new SqliteLedger(LedgerFile, new SqliteLedgerOptions { MaxPageCount = pages });

        Assert.Throws<LedgerFullException>(() =>
        {
            for (int i = 0; i < 1000; i++) ledger.Append(i, "refusal", 5, new byte[1500], "{}");
        });
        Assert.Null(ledger.Verify());
    }

    [Fact]
    public void Query_only_refuses_appends_with_a_typed_error_and_appends_resume_after()
    {
        using var ledger = new SqliteLedger(LedgerFile);
        SampleRecords.AppendNumbered(ledger, 2);

        ledger.SetQueryOnly(true);
        Assert.Throws<LedgerReadOnlyException>(() => ledger.Append(3, "frame", 1, [], "{}"));
        Assert.Throws<LedgerReadOnlyException>(() => ledger.AppendBatch([SampleRecords.Numbered(3)]));
        Assert.Equal(2, ledger.LastSequence);

        ledger.SetQueryOnly(false);
        Assert.Equal(3, ledger.Append(3, "frame", 1, [], "{}").Sequence);
        Assert.Null(ledger.Verify());
    }

    public void Dispose() => folder.Dispose();
}
