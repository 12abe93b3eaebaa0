using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.App.Tests.Hosting;

/// <summary>`serve` keeps device state in the ledger's file now; a ledger from before, with its state beside it in
/// ledger.state.db, must not forget its devices on the upgrade.</summary>
public sealed class LegacyStateFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-legacy-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Serve_imports_the_old_state_file_once_and_keeps_the_state_in_the_ledger_file()
    {
        string ledgerPath = Path.Combine(_folder, "ledger.db"), legacyPath = DataPaths.StateStoreFor(ledgerPath);
        using (var legacy = new SqliteDeviceStateStore(legacyPath))
        {
            Assert.True(legacy.TrySave(41, [1, 2, 3], 0));
            Assert.True(legacy.TrySave(41, [4, 5, 6], 1));
            Assert.True(legacy.TrySave(42, [7], 0));
        }

        using (var backend = BackendFactory.Open(ledgerPath, new VerifierPolicy(), "defaults", TimeProvider.System))
        {
            Assert.True(((IJointCommit)backend.Ledger).StateStore!.TryLoad(41, out byte[] state, out _));
            Assert.Equal(new byte[] { 4, 5, 6 }, state);
        }
        Assert.False(File.Exists(legacyPath));
        Assert.True(File.Exists(legacyPath + ".imported"));

        using var inLedgerFile = new SqliteDeviceStateStore(ledgerPath);
        Assert.Equal(new ulong[] { 41, 42 }, inLedgerFile.DeviceIds());
    }
}
