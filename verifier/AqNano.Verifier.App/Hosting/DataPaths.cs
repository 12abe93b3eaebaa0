namespace AqNano.Verifier.App.Hosting;

/// <summary>Default places: the ledger in the user's data folder (XDG_DATA_HOME, else ~/.local/share),
/// the device state inside it, the local CA next to it.</summary>
public static class DataPaths
{
    public static string DefaultLedger()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "aqnano", "ledger.db");
    }

    /// <summary>ledger.db → ledger.state.db: where the device state was kept before it moved into the ledger's
    /// file; read once at start by <see cref="LegacyStateFile"/>.</summary>
    public static string StateStoreFor(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".state.db");
}
