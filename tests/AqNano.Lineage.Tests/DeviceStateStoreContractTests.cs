using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

/// <summary>What every IDeviceStateStore must do, run against each implementation.</summary>
public abstract class DeviceStateStoreContractTests : IDisposable
{
    protected readonly TemporaryDirectory Folder = new();
    private const ulong Device = 0xA1B2C3D4E5F60718;

    protected abstract IDeviceStateStore Open();

    [Fact]
    public void An_unknown_device_loads_nothing()
    {
        using var store = Open();
        Assert.False(store.TryLoad(Device, out var state, out long version));
        Assert.Empty(state);
        Assert.Equal(0, version);
    }

    [Fact]
    public void Saves_with_the_current_version_succeed_and_bump_it()
    {
        using var store = Open();
        Assert.True(store.TrySave(Device, new byte[] { 1, 2, 3 }, expectedVersion: 0));
        Assert.True(store.TryLoad(Device, out var first, out long firstVersion));
        Assert.True(store.TrySave(Device, new byte[] { 4, 5 }, expectedVersion: firstVersion));
        Assert.True(store.TryLoad(Device, out var second, out long secondVersion));

        Assert.Equal(new byte[] { 1, 2, 3 }, first);
        Assert.Equal(1, firstVersion);
        Assert.Equal(new byte[] { 4, 5 }, second);
        Assert.Equal(2, secondVersion);
    }

    [Theory]
    [InlineData(0)]  // a second "new device" write for a known device
    [InlineData(1)]  // a writer that loaded before the last save
    [InlineData(7)]  // a version from the future
    public void A_stale_write_is_refused_and_writes_nothing(long staleVersion)
    {
        using var store = Open();
        store.TrySave(Device, new byte[] { 1 }, 0);
        store.TrySave(Device, new byte[] { 2 }, 1);

        Assert.False(store.TrySave(Device, new byte[] { 9, 9, 9 }, staleVersion));

        Assert.True(store.TryLoad(Device, out var state, out long version));
        Assert.Equal(new byte[] { 2 }, state);
        Assert.Equal(2, version);
    }

    [Fact]
    public void Saving_an_unknown_device_with_a_nonzero_version_is_refused()
    {
        using var store = Open();
        Assert.False(store.TrySave(Device, new byte[] { 1 }, 3));
        Assert.False(store.TryLoad(Device, out _, out _));
    }

    [Fact]
    public void Of_racing_writers_from_one_version_exactly_one_wins()
    {
        using var store = Open();
        store.TrySave(Device, new byte[] { 0 }, 0);
        int wins = 0;
        Parallel.For(0, 8, writer =>
        {
            if (store.TrySave(Device, new byte[] { (byte)writer }, 1)) Interlocked.Increment(ref wins);
        });

        Assert.Equal(1, wins);
        Assert.True(store.TryLoad(Device, out _, out long version));
        Assert.Equal(2, version);
    }

    [Fact]
    public void DeviceIds_lists_every_saved_device_including_ids_above_long_max()
    {
        using var store = Open();
        store.TrySave(0xFFFF_FFFF_FFFF_FFFE, new byte[] { 1 }, 0);
        store.TrySave(5, new byte[] { 1 }, 0);
        store.TrySave(6, new byte[] { 1 }, 4); // refused: not listed

        Assert.Equal(new ulong[] { 5, 0xFFFF_FFFF_FFFF_FFFE }, store.DeviceIds());
    }

    [Fact]
    public void A_loaded_state_is_a_copy_the_caller_may_change()
    {
        using var store = Open();
        store.TrySave(Device, new byte[] { 1, 2 }, 0);
        store.TryLoad(Device, out var state, out _);
        state[0] = 99;

        store.TryLoad(Device, out var again, out _);
        Assert.Equal(new byte[] { 1, 2 }, again);
    }

    public void Dispose() => Folder.Dispose();
}
