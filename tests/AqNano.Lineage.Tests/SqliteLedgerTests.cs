using AqNano.Verifier.Lineage;
using Microsoft.Data.Sqlite;

namespace AqNano.Lineage.Tests;

public sealed class SqliteLedgerTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private string LedgerFile => folder.File("ledger.db");

    [Fact]
    public void Reopening_a_file_continues_its_chain()
    {
        byte[] headHash;
        using (var ledger = new SqliteLedger(LedgerFile))
        {
            SampleRecords.AppendNumbered(ledger, 5);
            headHash = ledger.Read(5).Single().Hash;
        }
        using (var reopened = new SqliteLedger(LedgerFile))
        {
            Assert.Equal(5, reopened.LastSequence);
            var sixth = reopened.Append(99, "operator", 1, [], "{\"action\":\"revoke\"}");

            Assert.Equal(6, sixth.Sequence);
            Assert.Equal(headHash, sixth.PreviousHash);
            Assert.Null(reopened.Verify());
        }
    }

    [Fact]
    public void The_file_is_in_wal_mode_and_the_writer_syncs_every_commit()
    {
        using var ledger = new SqliteLedger(LedgerFile);
        ledger.Append(1, "policy", 0, [], "{}");

        Assert.Equal("wal", RawSql.Scalar(LedgerFile, "PRAGMA journal_mode"));
        Assert.True(File.Exists(LedgerFile + "-wal"));
    }

    [Theory]
    [InlineData("UPDATE ledger SET kind = 'forged' WHERE sequence = 2", "UPDATE refused")]
    [InlineData("DELETE FROM ledger WHERE sequence = 3", "DELETE refused")]
    public void Triggers_in_the_file_refuse_update_and_delete_from_any_client(string sql, string message)
    {
        using (var ledger = new SqliteLedger(LedgerFile)) SampleRecords.AppendNumbered(ledger, 3);

        var refusal = Assert.Throws<SqliteException>(() => RawSql.Execute(LedgerFile, sql));

        Assert.Contains(message, refusal.Message);
        using var reopened = new SqliteLedger(LedgerFile);
        Assert.Equal(3, reopened.Read().Count());
        Assert.Null(reopened.Verify());
    }

    [Theory]
    [InlineData("time_unix_ms")]
    [InlineData("kind")]
    [InlineData("device_id")]
    [InlineData("frame")]
    [InlineData("detail")]
    [InlineData("previous_hash")]
    [InlineData("hash")]
    public void One_altered_byte_in_any_column_fails_verify_at_exactly_that_record(string column)
    {
        using (var ledger = new SqliteLedger(LedgerFile)) SampleRecords.AppendNumbered(ledger, 20);

        RawSql.AlterOneByte(LedgerFile, 13, column);

        using var reopened = new SqliteLedger(LedgerFile, new SqliteLedgerOptions { ReadOnly = true });
        var verification = LedgerVerifier.Verify(reopened);
        Assert.False(verification.Verified);
        Assert.Equal(13, verification.FirstBadSequence);
        Assert.Equal(13, reopened.Verify());
        Assert.Equal(12, verification.RecordsChecked);
    }

    [Fact]
    public void A_renumbered_record_fails_verify_where_it_was_taken_from()
    {
        using (var ledger = new SqliteLedger(LedgerFile)) SampleRecords.AppendNumbered(ledger, 20);

        RawSql.Execute(LedgerFile, "DROP TRIGGER ledger_refuses_update; UPDATE ledger SET sequence = 1013 WHERE sequence = 13");

        using var reopened = new SqliteLedger(LedgerFile);
        Assert.Equal(13, reopened.Verify());
    }

    [Fact]
    public void A_removed_record_fails_verify_at_its_position()
    {
        using (var ledger = new SqliteLedger(LedgerFile)) SampleRecords.AppendNumbered(ledger, 20);

        RawSql.Execute(LedgerFile, "DROP TRIGGER ledger_refuses_delete; DELETE FROM ledger WHERE sequence = 8");

        using var reopened = new SqliteLedger(LedgerFile);
        Assert.Equal(8, reopened.Verify());
    }

    [Fact]
    public void A_read_only_open_verifies_but_refuses_appends_with_a_typed_error()
    {
        using (var ledger = new SqliteLedger(LedgerFile)) SampleRecords.AppendNumbered(ledger, 4);

        using var readOnly = new SqliteLedger(LedgerFile, new SqliteLedgerOptions { ReadOnly = true });

        Assert.Throws<LedgerReadOnlyException>(() => readOnly.Append(5, "frame", 1, [], "{}"));
        Assert.Null(readOnly.Verify());
        Assert.Equal(4, readOnly.LastSequence);
    }

    public void Dispose() => folder.Dispose();
}
