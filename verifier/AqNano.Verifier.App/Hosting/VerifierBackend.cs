using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Hosting;

/// <summary>The verifier core as the app composes it: the judging facade, its read model, and the
/// ledger it writes (the dashboard reads lineage from it). Owns what it was given.</summary>
public sealed class VerifierBackend(IVerifier verifier, IFleetView fleet, ILedger ledger, IDisposable? owned = null) : IDisposable
{
    public IVerifier Verifier { get; } = verifier;
    public IFleetView Fleet { get; } = fleet;
    public ILedger Ledger { get; } = ledger;
    /// <summary>Worker mode: the verifier that loads and drops partitions, and the leases that say which.</summary>
    public Workers.WorkerBackend? Worker { get; init; }
    /// <summary>PostgreSQL: appends an anchor of every partition's head to the fleet chain (docs/SCALING.md);
    /// returns its sequence. Null for SQLite (one chain, nothing to anchor).</summary>
    public Func<long, long>? Anchor { get; init; }

    public void Dispose()
    {
        owned?.Dispose();
        Ledger.Dispose();
        Worker?.Leases.Dispose();
    }
}
