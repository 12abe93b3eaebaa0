using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using Npgsql;

namespace AqNano.Lineage.Tests;

/// <summary>What only the PostgreSQL ledger has: its triggers, its tables edited behind its back,
/// several ledger instances (workers) on one database, and the same hashes as SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerTests : IDisposable
{
    private readonly PostgresServer server;
    private readonly string connectionString;
    private readonly TemporaryDirectory folder = new();

    public PostgresLedgerTests(PostgresServer server)
    {
        this.server = server;
        connectionString = server.SkipReason is null ? server.NewSchema() : "";
    }

    [SkippableFact]
    public void Every_acknowledged_append_survives_a_server_crash_and_the_chain_continues()
    {
        LedgerEntry last;
        using (var ledger = Open())
        {
            SampleRecords.AppendNumbered(ledger, 40);
            last = ledger.AppendBatch(Enumerable.Range(41, 10).Select(n => SampleRecords.Numbered(n)).ToList())[^1];
        }

        server.CrashAndRestart();

        using var reopened = Open();
        Assert.Equal(50, reopened.LastSequence);
        Assert.Equal(last.Hash, reopened.Read(50).Single().Hash);
        Assert.Equal(last.Hash, reopened.Append(51, "incident", 0, [], "{}").PreviousHash);
        Assert.Null(reopened.Verify());
    }

    [SkippableFact]
    public void The_same_records_get_the_same_hashes_and_export_as_in_sqlite()
    {
        using var postgres = Open();
        using var sqlite = new SqliteLedger(folder.File("ledger.db"));
        var records = Enumerable.Range(1, 30).Select(n => SampleRecords.Numbered(n, 0xF000_0000_0000_0000UL + (uint)n)).ToList();
        postgres.AppendBatch(records.Take(10).ToList());
        sqlite.AppendBatch(records.Take(10).ToList());
        foreach (var record in records.Skip(10))
        {
            postgres.Append(record.TimeUnixMs, record.Kind, record.DeviceId, record.Frame.Span, record.Detail);
            sqlite.Append(record.TimeUnixMs, record.Kind, record.DeviceId, record.Frame.Span, record.Detail);
        }

        Assert.Equal(sqlite.Read().Select(r => Convert.ToHexString(r.Hash)), postgres.Read().Select(r => Convert.ToHexString(r.Hash)));
        Assert.True(LedgerVerifier.Verify(postgres).Verified);
        string exported = Exported(postgres);
        Assert.Equal(30, exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Exported(sqlite), exported);
    }

    [SkippableTheory]
    [InlineData("UPDATE ledger SET kind = 'forged' WHERE sequence = 2", "UPDATE refused")]
    [InlineData("DELETE FROM ledger WHERE sequence = 3", "DELETE refused")]
    [InlineData("TRUNCATE ledger", "TRUNCATE refused")]
    public void Triggers_refuse_update_delete_and_truncate_from_any_client(string sql, string message)
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 3);

        var refusal = Assert.Throws<PostgresException>(() => server.Execute(sql, connectionString));

        Assert.Contains(message, refusal.MessageText);
        Assert.Equal(3, ledger.Read().Count());
        Assert.Null(ledger.Verify());
    }

    [SkippableTheory]
    [InlineData("time_unix_ms = time_unix_ms + 1")]
    [InlineData("kind = 'forged'")]
    [InlineData("device_id = device_id # 1")]
    [InlineData("frame = set_byte(frame, 0, get_byte(frame, 0) # 1)")]
    [InlineData("detail = '{\"n\":99}'")]
    [InlineData("previous_hash = set_byte(previous_hash, 0, get_byte(previous_hash, 0) # 1)")]
    [InlineData("hash = set_byte(hash, 31, get_byte(hash, 31) # 1)")]
    public void A_change_to_any_column_made_behind_the_triggers_fails_verify_at_exactly_that_record(string change)
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 20);

        server.Execute($"ALTER TABLE ledger DISABLE TRIGGER USER; UPDATE ledger SET {change} WHERE sequence = 13", connectionString);

        var verification = LedgerVerifier.Verify(ledger);
        Assert.False(verification.Verified);
        Assert.Equal(13, verification.FirstBadSequence);
        Assert.Equal(12, verification.RecordsChecked);
    }

    [SkippableFact]
    public void A_removed_record_fails_verify_at_its_position()
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 20);

        server.Execute("ALTER TABLE ledger DISABLE TRIGGER USER; DELETE FROM ledger WHERE sequence = 8", connectionString);

        Assert.Equal(8, ledger.Verify());
    }

    [SkippableFact]
    public void A_read_only_database_refuses_an_append_with_a_typed_error_and_writes_nothing()
    {
        using (var ledger = Open()) SampleRecords.AppendNumbered(ledger, 4);

        using var readOnly = new PostgresLedger(connectionString + ";Options=-c default_transaction_read_only=on");

        Assert.Throws<LedgerReadOnlyException>(() => readOnly.Append(5, "frame", 1, [], "{}"));
        Assert.Equal(4, readOnly.LastSequence);
        Assert.Null(readOnly.Verify());
    }

    [SkippableFact]
    public void A_nul_character_text_cannot_hold_is_a_typed_refusal_that_writes_nothing()
    {
        using var ledger = Open();
        SampleRecords.AppendNumbered(ledger, 2);

        Assert.Throws<LedgerWriteException>(() => ledger.Append(3, "frame", 1, [], "{\"a\":\"\0\"}"));

        Assert.Equal(2, ledger.LastSequence);
        Assert.Equal(3, ledger.Append(3, "frame", 1, [], "{}").Sequence);
        Assert.Null(ledger.Verify());
    }

    [SkippableFact]
    public void An_unreachable_server_is_a_typed_write_error()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        string nowhere = $"Host=127.0.0.1;Port={server.Port};Username=aqnano;Database=no_such_database;Timeout=5";

        Assert.Throws<LedgerWriteException>(() => new PostgresLedger(nowhere));
    }

    public void Dispose() => folder.Dispose();

    private static string Exported(ILedger ledger)
    {
        using var output = new MemoryStream();
        LedgerExporter.Export(ledger, ExportFormat.JsonLines, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    private PostgresLedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresLedger(connectionString);
    }
}
