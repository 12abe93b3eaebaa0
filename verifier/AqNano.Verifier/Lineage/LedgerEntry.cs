namespace AqNano.Verifier.Lineage;

/// <summary>One record of the append-only lineage (DESIGN.md "Lineage"). Its hash covers the
/// previous record's hash and every field here, so that changing any byte breaks the chain.</summary>
/// <param name="Sequence">Position in the ledger, from 1; assigned by the ledger on append.</param>
/// <param name="TimeUnixMs">The verifier's clock when the record was made.</param>
/// <param name="Kind">What happened: "frame", "refusal", "conflict", "decision", "grant", "revocation",
/// "operator", "policy", "incident", ... (docs/PROTOCOL.md lists them).</param>
/// <param name="DeviceId">The device concerned, 0 for fleet-wide records.</param>
/// <param name="Frame">The raw frame bytes where the record is about one, else empty.</param>
/// <param name="Detail">A JSON object with the rest (verdict, mode, reason, evidence, operator...).</param>
/// <param name="PreviousHash">SHA-256 of the previous record (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 over PreviousHash and this record's fields, canonically encoded.</param>
public sealed record LedgerEntry(
    long Sequence,
    long TimeUnixMs,
    string Kind,
    ulong DeviceId,
    byte[] Frame,
    string Detail,
    byte[] PreviousHash,
    byte[] Hash);
