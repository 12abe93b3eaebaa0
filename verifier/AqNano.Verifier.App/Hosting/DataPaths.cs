namespace AqNano.Verifier.App.Hosting;

/// <summary>Default places: the ledger in the user's data folder (XDG_DATA_HOME, else ~/.local/share),
/// the device state store and the local CA next to the ledger.</summary>
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

    /// <summary>ledger.db → ledger.state.db: the device state lives beside its ledger.</summary>
    public static string StateStoreFor(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".state.db");
}
