using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

/// <summary>Edits made as a superuser behind the disabled triggers, as the single-chain tamper tests do,
/// and what verify makes of them. The ledger: records 1-12 round-robin over partitions 3, 4 and 5, anchor 13,
/// records 14-21 over partitions 3 and 4 only (5's tail is 12), anchor 22, records 23-24 in partition 3.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartitionedLedgerTamperTests(PostgresServer server)
{
    private static readonly int[] Partitions = [3, 4, 5];

    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    [SkippableTheory]
    [InlineData("time_unix_ms = time_unix_ms + 1")]
    [InlineData("kind = 'forged'")]
    [InlineData("device_id = device_id # 1")]
    [InlineData("partition_no = 6")]
    [InlineData("frame = set_byte(frame, 0, get_byte(frame, 0) # 1)")]
    [InlineData("detail = '{\"n\":99}'")]
    [InlineData("previous_hash = set_byte(previous_hash, 0, get_byte(previous_hash, 0) # 1)")]
    [InlineData("hash = set_byte(hash, 31, get_byte(hash, 31) # 1)")]
    public void A_changed_column_of_a_partition_record_fails_verify_at_exactly_that_record(string change)
    {
        using var ledger = Build();

        Tamper($"UPDATE partition_ledger SET {change} WHERE sequence = 8");

        var verification = ledger.VerifyAll();
        Assert.Equal(8, verification.FirstBadSequence);
        Assert.Equal(7, verification.RecordsChecked);
    }

    [SkippableTheory]
    [InlineData("detail = replace(detail, '\"partition\":4', '\"partition\":6')")]
    [InlineData("time_unix_ms = time_unix_ms + 1")]
    [InlineData("hash = set_byte(hash, 0, get_byte(hash, 0) # 1)")]
    [InlineData("previous_hash = set_byte(previous_hash, 0, get_byte(previous_hash, 0) # 1)")]
    [InlineData("kind = 'policy'")]
    [InlineData("device_id = 1")]
    public void A_changed_anchor_fails_verify_at_that_anchor(string change)
    {
        using var ledger = Build();

        Tamper($"UPDATE partition_ledger SET {change} WHERE sequence = 13");

        Assert.Equal(13, ledger.Verify());
    }

    /// <summary>An anchor moved into the chain of device 0's partition passes as a record of it only if that
    /// chain was empty; either way the anchor chain has lost it and the next anchor says so.</summary>
    [SkippableFact]
    public void An_anchor_moved_out_of_the_anchor_chain_fails_verify_at_it_or_at_the_next_anchor()
    {
        using var ledger = Build();

        Tamper($"UPDATE partition_ledger SET partition_no = {AqNano.Verifier.Partitions.DevicePartitions.Of(0, 64)} WHERE sequence = 13");

        Assert.Contains(ledger.Verify(), new long?[] { 13, 22 });
    }

    [SkippableFact]
    public void A_removed_anchor_fails_verify_at_the_next_one()
    {
        using var ledger = Build();

        Tamper("DELETE FROM partition_ledger WHERE sequence = 13");

        var verification = ledger.VerifyAll();
        Assert.Equal(22, verification.FirstBadSequence);
        Assert.Contains("previous anchor's hash", verification.Problem);
    }

    [SkippableFact]
    public void A_partition_tail_removed_before_an_anchor_fails_verify_at_that_anchor()
    {
        using var ledger = Build();

        Tamper("DELETE FROM partition_ledger WHERE sequence = 12");

        var verification = ledger.VerifyAll();
        Assert.Equal(13, verification.FirstBadSequence);
        Assert.Contains("anchor holds partition 5 at record #12, but its head before the anchor is record #9", verification.Problem);
    }

    [SkippableFact]
    public void A_whole_partition_removed_before_an_anchor_fails_verify_at_that_anchor()
    {
        using var ledger = Build();

        Tamper("DELETE FROM partition_ledger WHERE partition_no = 5");

        var verification = ledger.VerifyAll();
        Assert.Equal(13, verification.FirstBadSequence);
        Assert.Contains("which is missing", verification.Problem);
    }

    [SkippableFact]
    public void A_record_removed_inside_a_partition_fails_verify_at_its_successor()
    {
        using var ledger = Build();

        Tamper("DELETE FROM partition_ledger WHERE sequence = 4");

        Assert.Equal(7, ledger.Verify());
    }

    /// <summary>The limit README.md "What verify cannot see" states: the anchors cannot protect what comes
    /// after the last anchor, nor the newest anchors themselves. Cut there and the rest still verifies; only
    /// an anchor hash kept outside the database (verify prints it) shows the cut.</summary>
    [SkippableFact]
    public void A_tail_cut_after_an_anchor_still_verifies_and_only_the_anchor_hash_kept_outside_shows_it()
    {
        using var ledger = Build();
        string keptOutside = ledger.VerifyAll().LastAnchorHashHex;

        Tamper("DELETE FROM partition_ledger WHERE sequence >= 22");

        var verification = ledger.VerifyAll();
        Assert.True(verification.Verified, verification.Problem);
        Assert.Equal(13, verification.LastAnchorSequence);
        Assert.NotEqual(keptOutside, verification.LastAnchorHashHex);
    }

    private PostgresPartitionedLedger Build()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var ledger = new PostgresPartitionedLedger(connectionString);
        for (int n = 1; n <= 12; n++) Append(ledger, n, Partitions[(n - 1) % 3]);
        Assert.Equal(13, ledger.AnchorNow(13));
        for (int n = 14; n <= 21; n++) Append(ledger, n, Partitions[n % 2]);
        Assert.Equal(22, ledger.AnchorNow(22));
        for (int n = 23; n <= 24; n++) Append(ledger, n, 3);
        Assert.True(ledger.VerifyAll().Verified);
        return ledger;
    }

    private static void Append(ILedger ledger, int n, int partition)
    {
        var record = SampleRecords.Numbered(n, PartitionDevices.In(partition));
        Assert.Equal(n, ledger.Append(record.TimeUnixMs, record.Kind, record.DeviceId, record.Frame.Span, record.Detail).Sequence);
    }

    private void Tamper(string sql) => server.Execute($"ALTER TABLE partition_ledger DISABLE TRIGGER USER; {sql}", connectionString);
}
