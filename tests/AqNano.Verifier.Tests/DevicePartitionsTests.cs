using AqNano.Verifier.Partitions;
using Xunit;

namespace AqNano.Verifier.Tests;

public class DevicePartitionsTests
{
    [Fact]
    public void Known_ids_map_to_fixed_partitions_so_every_process_agrees()
    {
        // Pinned values (computed independently with Python's hashlib): a change of the hash would
        // move every device to another worker's partition and split its ledger chain.
        Assert.Equal(56, DevicePartitions.Of(0x0102030405060708UL, 64));
        Assert.Equal(60, DevicePartitions.Of(1UL, 64));
        Assert.Equal(46, DevicePartitions.Of(0xdeadbeefcafef00dUL, 64));
        int[] seen = new int[4];
        for (ulong id = 1; id <= 4000; id++) seen[DevicePartitions.Of(id, 4)]++;
        // Sequential ids (one batch of chips) still spread: each of 4 partitions within 20 % of 1,000.
        foreach (int count in seen) Assert.InRange(count, 800, 1200);
    }

    [Fact]
    public void One_partition_holds_everything_and_zero_is_refused()
    {
        Assert.Equal(0, DevicePartitions.Of(ulong.MaxValue, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DevicePartitions.Of(1, 0));
    }
}
