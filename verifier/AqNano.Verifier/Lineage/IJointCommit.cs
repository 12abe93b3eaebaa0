using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Lineage;

/// <summary>A ledger that also holds the device state, so that a judgement's records and its device's new
/// state become durable in one transaction: a crash can never leave the ledger ahead of the state (a frame
/// recorded twice after a restart) or drop an operator action from the state (docs/SECURITY.md "Known limits",
/// DESIGN.md "Lineage": written before the broker acknowledges).</summary>
public interface IJointCommit
{
    /// <summary>The store whose rows this ledger writes in its own transactions (reads at start go through
    /// it), or null when this ledger holds no device state.</summary>
    IDeviceStateStore? StateStore { get; }

    /// <summary>Commits the units in order, in one durable transaction (one fsync for all of them). Each unit
    /// is all or nothing: one whose state write is stale (its expected version is no longer the stored one)
    /// writes none of its records and gets null, and the others still commit. A failure of the transaction
    /// itself (disk full, read-only) writes nothing and throws the ledger's typed error.</summary>
    IReadOnlyList<IReadOnlyList<LedgerEntry>?> CommitAll(IReadOnlyList<CommitUnit> units);
}
