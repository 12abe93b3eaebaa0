using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.App.Hosting;

/// <summary>Opens the real verifier core (FleetVerifier) over a SQLite ledger that keeps the device state too.</summary>
public static class BackendFactory
{
    public static VerifierBackend Open(string ledgerPath, VerifierPolicy policy, string policySource, TimeProvider clock)
    {
        // Device state lives in the ledger's file, so that a judgement's records and its device's state are one
        // commit (no crash can part them, docs/SECURITY.md "Known limits"); the broker judges publishes of
        // different devices concurrently, and group commit lets those commits share one fsync while each
        // caller still returns only once durable (docs/PERFORMANCE.md "Fleet load").
        var sqlite = new SqliteLedger(ledgerPath);
        try
        {
            SqliteDeviceStateStore store = sqlite.KeepDeviceState();
            LegacyStateFile.ImportOnce(DataPaths.StateStoreFor(ledgerPath), store);
            var ledger = new GroupCommitLedger(sqlite);
            var verifier = new FleetVerifier(policy, ledger, clock, store, policySource);
            return new VerifierBackend(verifier, verifier, ledger);
        }
        catch
        {
            sqlite.Dispose();
            throw;
        }
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
