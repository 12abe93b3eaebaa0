using AqNano.Protocol;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Tests;

/// <summary>The verifier on the lineage engineer's SQLite ledger and state store: a restarted process picks up
/// every device where it was, and the ledger written by both processes verifies as one chain.</summary>
public sealed class SqliteRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-verifier-").FullName;

    [Fact]
    public void ARestartedVerifierContinuesFromTheSqliteStoreAndTheLedgerVerifies()
    {
        string ledgerPath = Path.Combine(_folder, "ledger.db"), statePath = Path.Combine(_folder, "state.db");
        var clock = new CaptureClock(Harness.Start);
        var device = TestDevice.Create(400);
        using (var ledger = new SqliteLedger(ledgerPath))
        using (var store = new SqliteDeviceStateStore(statePath))
        {
            var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock, store);
            verifier.Judge(new InboundFrame(device.Topic, device.Genesis(), clock.NowUnixMs, "d", PathMode.Confidential));
            for (int i = 0; i < 11; i++)
            {
                clock.Advance(5000);
                verifier.Judge(new InboundFrame(device.Topic, device.Next(), clock.NowUnixMs, "d", PathMode.Confidential));
            }
            Assert.Equal(DecisionMode.AdmitFull, verifier.Device(device.DeviceId)!.Mode);
        }
        using (var ledger = new SqliteLedger(ledgerPath))
        using (var store = new SqliteDeviceStateStore(statePath))
        {
            var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock, store);
            Assert.Equal(DecisionMode.AdmitFull, verifier.Device(device.DeviceId)!.Mode);
            clock.Advance(5000);
            Judgement next = verifier.Judge(new InboundFrame(device.Topic, device.Next(), clock.NowUnixMs, "d", PathMode.Confidential));
            Assert.Equal(Verdict.Next, next.Verdict);
            Assert.Equal(DecisionMode.AdmitFull, next.Mode);
            Assert.Null(ledger.Verify());
            Assert.Equal(2, ledger.Read().Count(e => e.Kind == "policy"));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
