using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AqNano.Verifier.Lineage;

/// <summary>The one canonical encoding a record's hash covers (Lineage/README.md "Record hash"),
/// so that an auditor can recompute every hash with any SHA-256 and nothing of ours.
/// Each field is a 4-byte little-endian length followed by its bytes, in this order:
/// domain "AQ1/ledger", PreviousHash, Sequence (int64 LE), TimeUnixMs (int64 LE), Kind (UTF-8),
/// DeviceId (the 8 wire bytes: uint64 LE), Frame, Detail (UTF-8). The length prefix on every
/// field makes the encoding injective: no two different records encode to the same bytes.</summary>
public static class LedgerHashing
{
    public const int HashSize = 32;

    /// <summary>The domain label, first field of the encoding: keeps a ledger hash from ever
    /// equalling a hash computed for another purpose over the same bytes.</summary>
    public static readonly byte[] Domain = "AQ1/ledger"u8.ToArray();

    /// <summary>PreviousHash of record 1.</summary>
    public static byte[] GenesisPreviousHash() => new byte[HashSize];

    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, long sequence, long timeUnixMs,
        string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, Domain);
        AppendField(hash, previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, sequence);
        AppendField(hash, number);
        BinaryPrimitives.WriteInt64LittleEndian(number, timeUnixMs);
        AppendField(hash, number);
        AppendField(hash, Encoding.UTF8.GetBytes(kind));
        BinaryPrimitives.WriteUInt64LittleEndian(number, deviceId);
        AppendField(hash, number);
        AppendField(hash, frame);
        AppendField(hash, Encoding.UTF8.GetBytes(detail));
        return hash.GetHashAndReset();
    }

    public static byte[] ComputeHash(LedgerEntry entry) => ComputeHash(entry.PreviousHash, entry.Sequence,
        entry.TimeUnixMs, entry.Kind, entry.DeviceId, entry.Frame, entry.Detail);

    /// <summary>Builds the next record after (<paramref name="previousSequence"/>, <paramref name="previousHash"/>).</summary>
    public static LedgerEntry Chain(long previousSequence, byte[] previousHash, PendingRecord record)
    {
        long sequence = previousSequence + 1;
        byte[] frame = record.Frame.ToArray();
        byte[] hash = ComputeHash(previousHash, sequence, record.TimeUnixMs, record.Kind, record.DeviceId, frame, record.Detail);
        return new LedgerEntry(sequence, record.TimeUnixMs, record.Kind, record.DeviceId, frame, record.Detail, previousHash, hash);
    }

    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }
}
