using AqNano.Verifier.Lineage;
using AqNano.Verifier.Stores;
using Microsoft.Data.Sqlite;

namespace AqNano.Lineage.Tests;

/// <summary>Records and device state in one SQLite transaction (IJointCommit): all of a unit or none of it,
/// a stale unit left out without failing its group, concurrent callers sharing one commit.</summary>
public sealed class JointCommitTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static CommitUnit Unit(ulong device, long expectedVersion, int records, byte state = 1) => new(
        Enumerable.Range(0, records).Select(i => new PendingRecord(i, "frame", device, new byte[] { (byte)device, (byte)i }, "{}")).ToList(),
        new StateWrite(device, [state], expectedVersion));

    [Fact]
    public void A_stale_state_write_leaves_its_unit_out_and_the_rest_of_the_transaction_commits()
    {
        string file = folder.File("ledger.db");
        using var ledger = new SqliteLedger(file);
        SqliteDeviceStateStore store = ledger.KeepDeviceState();

        var results = ledger.CommitAll([Unit(1, 0, 2), Unit(2, 5, 3), Unit(3, 0, 1)]);

        Assert.Equal(new long[] { 1, 2 }, results[0]!.Select(e => e.Sequence));
        Assert.Null(results[1]);
        Assert.Equal(new long[] { 3 }, results[2]!.Select(e => e.Sequence));
        Assert.Null(ledger.Verify());
        Assert.Empty(ledger.ReadDevice(2));
        Assert.False(store.TryLoad(2, out _, out _));
        Assert.True(store.TryLoad(1, out _, out long version1));
        Assert.True(store.TryLoad(3, out _, out long version3));
        Assert.Equal((1, 1), (version1, version3));
    }

    [Fact]
    public void A_failed_transaction_writes_neither_the_records_nor_the_state_of_any_unit()
    {
        string file = folder.File("ledger.db");
        using var ledger = new SqliteLedger(file);
        SqliteDeviceStateStore store = ledger.KeepDeviceState();
        Assert.NotNull(ledger.CommitAll([Unit(7, 0, 1)])[0]);
        // The state write of device 7 fails inside the transaction, after device 6's unit was written in it.
        RawSql.Execute(file, "CREATE TRIGGER fail_7 BEFORE UPDATE ON device_state WHEN NEW.device_id = 7 BEGIN SELECT RAISE(ABORT, 'injected'); END");

        Assert.ThrowsAny<LedgerWriteException>(() => ledger.CommitAll([Unit(6, 0, 2), Unit(7, 1, 1, state: 2)]));

        Assert.Equal(1, ledger.LastSequence);
        Assert.False(store.TryLoad(6, out _, out _));
        Assert.True(store.TryLoad(7, out byte[] state7, out long version7));
        Assert.Equal(new byte[] { 1 }, state7);
        Assert.Equal(1, version7);
        RawSql.Execute(file, "DROP TRIGGER fail_7");
        Assert.NotNull(ledger.CommitAll([Unit(7, 1, 1, state: 2)])[0]);
        Assert.Null(ledger.Verify());
    }

    [Fact]
    public void The_ledger_stays_append_only_in_a_file_that_keeps_device_state()
    {
        string file = folder.File("ledger.db");
        using (var ledger = new SqliteLedger(file))
        {
            ledger.KeepDeviceState();
            ledger.CommitAll([Unit(1, 0, 1)]);
        }
        var refused = Assert.Throws<SqliteException>(() => RawSql.Execute(file, "UPDATE ledger SET kind = 'x'"));
        Assert.Contains("append-only", refused.Message);
        Assert.Throws<SqliteException>(() => RawSql.Execute(file, "DELETE FROM ledger"));
        Assert.Equal(1L, RawSql.Scalar(file, "SELECT version FROM device_state WHERE device_id = 1"));
    }

    [Fact]
    public async Task Concurrent_units_share_one_commit_and_a_stale_one_fails_alone()
    {
        string file = folder.File("ledger.db");
        using var sqlite = new SqliteLedger(file);
        SqliteDeviceStateStore store = sqlite.KeepDeviceState();
        using var ledger = new GroupCommitLedger(sqlite);
        Assert.Same(store, ledger.StateStore);

        // Another connection holds SQLite's write lock, so the leader's commit waits inside BEGIN IMMEDIATE
        // (busy retries) while eight more callers queue behind it.
        using var blocker = RawSql.Open(file);
        using var hold = blocker.BeginTransaction(deferred: false);
        var leader = Task.Factory.StartNew(() => ledger.CommitAll([Unit(100, 0, 2)]), TaskCreationOptions.LongRunning);
        await WaitUntil(() => ledger.Committing && ledger.Waiting == 0);
        var followers = Enumerable.Range(1, 8).Select(n => Task.Factory.StartNew(
            () => ledger.CommitAll([Unit((ulong)(100 + n), n == 4 ? 9 : 0, 2)]), TaskCreationOptions.LongRunning)).ToList();
        await WaitUntil(() => ledger.Waiting == 8);
        hold.Rollback();

        var results = await Task.WhenAll(followers.Prepend(leader)).WaitAsync(Bound);

        Assert.Equal(2, ledger.Commits);
        Assert.Equal(9, ledger.Units);
        Assert.Null(results[4][0]);                       // device 104 expected version 9: stale, left out
        Assert.All(results.Where((_, i) => i != 4), r => Assert.Equal(2, r[0]!.Count));
        Assert.Equal(16, sqlite.LastSequence);
        Assert.Null(ledger.Verify());
        Assert.Equal(8, store.DeviceIds().Count());
        Assert.DoesNotContain(104UL, store.DeviceIds());
    }

    [Fact]
    public void A_ledger_without_device_state_refuses_a_state_write_and_writes_nothing()
    {
        using var ledger = new GroupCommitLedger(new SqliteLedger(folder.File("ledger.db")));
        Assert.Null(ledger.StateStore);
        Assert.ThrowsAny<LedgerWriteException>(() => ledger.CommitAll([Unit(1, 0, 1)]));
        Assert.Empty(ledger.Read());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(1);
        }
    }
}
