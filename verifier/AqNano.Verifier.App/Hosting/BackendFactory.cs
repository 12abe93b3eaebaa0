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

    /// <summary>Opens the verifier over PostgreSQL (serve --postgres), running its migrations; with
    /// <paramref name="worker"/>, a worker's verifier that loads devices only for the partitions it leases.
    /// Unreachable or refusing servers raise <see cref="LedgerWriteException"/> with the server's reason.</summary>
    public static VerifierBackend OpenPostgres(string connectionString, VerifierPolicy policy, string policySource, TimeProvider clock,
        Workers.WorkerOptions? worker)
    {
        var opened = new List<IDisposable>();
        try
        {
            // One hash chain per partition, anchored into a fleet chain (DESIGN.md "Scale", docs/SCALING.md): workers
            // on different partitions never queue behind one global chain. A single `serve --postgres` writes the same
            // layout, so `lineage verify --postgres` reads either. Group commit shares one COMMIT among this process's
            // concurrent judgements, as on SQLite. The ledger keeps the device state (same database, same
            // transactions): a judgement's records and state commit together, so no kill can part them and a stale
            // worker's judgement writes no record (docs/SECURITY.md "Known limits", docs/SCALING-WORKERS.md
            // "Exactly one judge per device"). The store is the ledger's, disposed with it.
            var partitioned = new Postgres.PostgresPartitionedLedger(connectionString, worker?.PartitionCount ?? Partitions.DevicePartitions.DefaultCount);
            opened.Add(partitioned);
            var store = partitioned.KeepDeviceState();
            ILedger ledger = new GroupCommitLedger(partitioned);
            // New identities are counted in the database: every worker against one sliding hour per zone, so that a
            // zone's newIdentitiesPerHour is the fleet's, and a restart does not reset it (docs/SCALING-WORKERS.md).
            var identities = new Postgres.PostgresIdentityRate(connectionString);
            opened.Add(identities);
            if (worker == null)
            {
                var verifier = new FleetVerifier(policy, ledger, clock, store, policySource) { NewIdentities = identities };
                return new VerifierBackend(verifier, verifier, ledger, identities) { Anchor = partitioned.AnchorNow };
            }
            var leases = new Postgres.PartitionLeases(connectionString, worker.WorkerId, worker.PartitionCount, worker.LeaseTtl);
            opened.Add(leases);
            var judge = new FleetVerifier(policy, ledger, clock, store, policySource, worker.PartitionCount) { NewIdentities = identities };
            return new VerifierBackend(judge, judge, ledger, identities) { Worker = new Workers.WorkerBackend(judge, leases, worker), Anchor = partitioned.AnchorNow };
        }
        catch
        {
            foreach (var resource in opened) resource.Dispose();
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
