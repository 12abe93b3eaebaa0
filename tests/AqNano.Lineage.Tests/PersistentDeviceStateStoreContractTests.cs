using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

/// <summary>What a store on shared storage (a file, a database) must also do: <see cref="DeviceStateStoreContractTests.Open"/>
/// opens the same storage again, as a restart or a second worker would.</summary>
public abstract class PersistentDeviceStateStoreContractTests : DeviceStateStoreContractTests
{
    [SkippableFact]
    public void State_survives_a_reopen()
    {
        using (var store = Open()) store.TrySave(9, new byte[1024], 0);

        using var reopened = Open();
        Assert.True(reopened.TryLoad(9, out var state, out long version));
        Assert.Equal(1024, state.Length);
        Assert.Equal(1, version);
    }

    [SkippableFact]
    public void Two_stores_on_one_storage_like_two_workers_cannot_both_win_a_version()
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
}
