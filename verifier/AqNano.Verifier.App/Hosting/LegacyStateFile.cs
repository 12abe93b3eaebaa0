using AqNano.Verifier.Stores;

namespace AqNano.Verifier.App.Hosting;

/// <summary>Before device state moved into the ledger's file (one commit for both, docs/SECURITY.md
/// "Known limits"), `serve` kept it beside the ledger as ledger.state.db. A ledger from then still has that
/// file: its devices are imported once at start, so no chain is forgotten by the upgrade.</summary>
public static class LegacyStateFile
{
    /// <summary>Copies every device of <paramref name="legacyPath"/>, if that file exists, into
    /// <paramref name="store"/> where the device is not stored yet, then renames the file to *.imported so that
    /// it is read once. Idempotent until the rename: a crash midway imports again, skipping what is there.
    /// Returns the number of devices imported.</summary>
    public static int ImportOnce(string legacyPath, IDeviceStateStore store)
    {
        if (!File.Exists(legacyPath)) return 0;
        int imported = 0;
        using (var legacy = new SqliteDeviceStateStore(legacyPath))
        {
            foreach (ulong id in legacy.DeviceIds())
            {
                if (legacy.TryLoad(id, out byte[] state, out _) && store.TrySave(id, state, 0)) imported++;
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(legacyPath, legacyPath + ".imported", overwrite: true);
        return imported;
    }
}
