using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AqNano.Verifier.Partitions;

/// <summary>Which partition a device belongs to (DESIGN.md "Scale": shard by device id, so that one
/// worker at a time handles a device and keeps its frame order). The hash is SHA-256 of the id's 8
/// wire bytes, first 8 bytes little-endian, modulo the count: stable across processes, machines and
/// .NET versions (string.GetHashCode is randomised per process), and spread evenly even when ids
/// share prefixes (chip ids of one batch do).</summary>
public static class DevicePartitions
{
    /// <summary>The default partition count: enough to spread over a few dozen workers, few enough
    /// that leases and per-partition ledger chains stay cheap to scan.</summary>
    public const int DefaultCount = 64;

    public static int Of(ulong deviceId, int partitionCount)
    {
        if (partitionCount < 1) throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "at least one partition");
        Span<byte> id = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(id, deviceId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id, hash);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % (ulong)partitionCount);
    }
}
