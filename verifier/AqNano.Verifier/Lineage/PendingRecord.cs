namespace AqNano.Verifier.Lineage;

/// <summary>A record on its way into the ledger, before the ledger gives it a sequence and hashes:
/// the unit of <see cref="ILedger.AppendBatch"/>.</summary>
public sealed record PendingRecord(long TimeUnixMs, string Kind, ulong DeviceId, ReadOnlyMemory<byte> Frame, string Detail)
{
    public static PendingRecord Of(long timeUnixMs, string kind, ulong deviceId, string detail)
        => new(timeUnixMs, kind, deviceId, ReadOnlyMemory<byte>.Empty, detail);
}
