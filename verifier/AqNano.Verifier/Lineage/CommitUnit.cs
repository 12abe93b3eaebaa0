using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Lineage;

/// <summary>What one judgement makes durable: its ledger records and, when its device's state changed,
/// the new state. All of it is written or none of it (<see cref="IJointCommit"/>).</summary>
public sealed record CommitUnit(IReadOnlyList<PendingRecord> Records, StateWrite? State);
