using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.App.Hosting;

/// <summary>Opens the real verifier core (FleetVerifier) over a SQLite ledger and device state store.</summary>
public static class BackendFactory
{
    public static VerifierBackend Open(string ledgerPath, VerifierPolicy policy, string policySource, TimeProvider clock)
    {
        // The broker judges publishes of different devices concurrently: group commit lets their
        // appends share one fsync while each still returns only once durable.
        var ledger = new GroupCommitLedger(new SqliteLedger(ledgerPath));
        var store = new SqliteDeviceStateStore(DataPaths.StateStoreFor(ledgerPath));
        var verifier = new FleetVerifier(policy, ledger, clock, store, policySource);
        return new VerifierBackend(verifier, verifier, ledger, store);
    }

    /// <summary>Reads --policy FILE, or the built-in defaults.</summary>
    public static bool TryLoadPolicy(string? path, out VerifierPolicy policy, out string source, out string error)
    {
        policy = new VerifierPolicy();
        source = "defaults";
        error = "";
        if (path == null) return true;
        if (!Cli.PathArguments.TryExistingFile(path, out string full, out error)) return false;
        source = full;
        if (!PolicyLoader.TryParse(File.ReadAllText(full), out policy, out error))
        {
            error = $"{full}: {error}";
            return false;
        }
        return true;
    }
}
