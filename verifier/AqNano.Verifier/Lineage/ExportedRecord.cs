using AqNano.Protocol;

namespace AqNano.Verifier.Lineage;

/// <summary>One ledger record as an export shows it (Lineage/README.md "Export"): ids as their wire
/// bytes in hex, hashes in hex, the frame in base64 with in-ring reveals zeroed, Detail as the exact
/// string that was hashed, so that an auditor can recompute the hash of every record not redacted.</summary>
internal sealed record ExportedRecord(long Sequence, long TimeUnixMs, string Kind, string DeviceId,
    string Frame, string Withheld, string Detail, string PreviousHash, string Hash)
{
    public static readonly string[] ColumnNames =
        ["sequence", "timeUnixMs", "kind", "deviceId", "frame", "withheld", "detail", "previousHash", "hash"];

    public static ExportedRecord From(LedgerEntry entry, RevealDisclosure disclosure, out Withheld withheld)
    {
        byte[] frame = disclosure.Redact(entry, out withheld);
        return new ExportedRecord(entry.Sequence, entry.TimeUnixMs, entry.Kind, Hex.FromWire(entry.DeviceId),
            Convert.ToBase64String(frame), withheld.ToString().ToLowerInvariant(), entry.Detail,
            Convert.ToHexStringLower(entry.PreviousHash), Convert.ToHexStringLower(entry.Hash));
    }
}
