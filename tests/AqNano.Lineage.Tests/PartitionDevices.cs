using AqNano.Verifier.Partitions;

namespace AqNano.Lineage.Tests;

/// <summary>Device ids chosen by the partition they fall in, so that a test can aim at one partition or several.</summary>
public static class PartitionDevices
{
    /// <summary>The <paramref name="nth"/> (from 0) device id, counting up from 1, that falls in <paramref name="partition"/>.</summary>
    public static ulong In(int partition, int nth = 0, int partitionCount = DevicePartitions.DefaultCount)
    {
        for (ulong id = 1; ; id++)
        {
            if (DevicePartitions.Of(id, partitionCount) == partition && nth-- == 0) return id;
        }
    }
}
