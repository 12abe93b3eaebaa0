using AqNano.Verifier.Lineage;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

public sealed class SqliteDeviceStateStoreTests : PersistentDeviceStateStoreContractTests
{
    protected override IDeviceStateStore Open() => new SqliteDeviceStateStore(Folder.File("state.db"));

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
