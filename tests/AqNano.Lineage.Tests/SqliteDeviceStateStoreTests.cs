using AqNano.Verifier.Lineage;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

public sealed class SqliteDeviceStateStoreTests : DeviceStateStoreContractTests
{
    protected override IDeviceStateStore Open() => new SqliteDeviceStateStore(Folder.File("state.db"));

    [Fact]
    public void State_survives_a_reopen()
    {
        using (var store = Open()) store.TrySave(9, new byte[1024], 0);

        using var reopened = Open();
        Assert.True(reopened.TryLoad(9, out var state, out long version));
        Assert.Equal(1024, state.Length);
        Assert.Equal(1, version);
    }

    [Fact]
    public void Two_stores_on_one_file_like_two_workers_cannot_both_win_a_version()
    {
        using var first = Open();
        using var second = Open();
        first.TrySave(9, new byte[] { 1 }, 0);

        Assert.True(first.TrySave(9, new byte[] { 2 }, 1));
        Assert.False(second.TrySave(9, new byte[] { 3 }, 1));
        Assert.True(second.TryLoad(9, out var state, out long version));
        Assert.Equal(new byte[] { 2 }, state);
        Assert.Equal(2, version);
    }

    [Fact]
    public void The_store_can_share_the_ledgers_file_without_disturbing_the_chain()
    {
        string file = Folder.File("verifier.db");
        using var ledger = new SqliteLedger(file);
        using var store = new SqliteDeviceStateStore(file);
        ledger.Append(1, "frame", 9, new byte[] { 1 }, "{}");
        Assert.True(store.TrySave(9, new byte[] { 7 }, 0));
        Assert.True(store.TrySave(9, new byte[] { 8 }, 1));
        ledger.Append(2, "decision", 9, [], "{}");

        Assert.Null(ledger.Verify());
        Assert.True(store.TryLoad(9, out var state, out _));
        Assert.Equal(new byte[] { 8 }, state);
    }
}
