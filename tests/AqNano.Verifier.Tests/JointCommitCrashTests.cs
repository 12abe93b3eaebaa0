using AqNano.Protocol;
using System.Text.Json;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;
using Microsoft.Data.Sqlite;

namespace AqNano.Verifier.Tests;

/// <summary>The verifier on a SQLite ledger that keeps the device state (one commit per judgement, as `serve`
/// opens it). The crash the former design had a window for: the judgement's records durable, the state save not
/// yet. Here the state write is made to fail inside the commit (a trigger), the process "dies" (everything is
/// disposed, nothing else written) and a new verifier opens the same file: neither a resent frame nor an operator
/// action may then be recorded twice or be missing from the state. With two commits (ledger, then store) the same
/// fault left the frame in the ledger and the state one frame behind: the resend was recorded as `next` twice.</summary>
public sealed class JointCommitCrashTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-joint-").FullName;
    private readonly CaptureClock _clock = new(Harness.Start);

    private string LedgerPath => Path.Combine(_folder, "ledger.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A verifier as `serve` composes it: group commit over a SQLite ledger that keeps the state.</summary>
    private sealed class Process : IDisposable
    {
        public Process(string path, TimeProvider clock)
        {
            var sqlite = new SqliteLedger(path);
            Ledger = new GroupCommitLedger(sqlite);
            Verifier = new FleetVerifier(new VerifierPolicy(), Ledger, clock, sqlite.KeepDeviceState());
        }

        public GroupCommitLedger Ledger { get; }
        public FleetVerifier Verifier { get; }

        public void Dispose() => Ledger.Dispose();
    }

    private Judgement Send(FleetVerifier verifier, TestDevice device, byte[] frame) =>
        verifier.Judge(new InboundFrame(device.Topic, frame, _clock.NowUnixMs, "device", PathMode.Confidential));

    private void FailStateWritesOf(TestDevice device) => Sql(
        $"CREATE TRIGGER crash_before_state BEFORE UPDATE ON device_state WHEN NEW.device_id = {unchecked((long)device.DeviceId)} " +
        "BEGIN SELECT RAISE(ABORT, 'injected: the process died before the state was durable'); END");

    private void Sql(string text)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = text;
        command.ExecuteNonQuery();
    }

    private static List<uint> FrameSeqs(ILedger ledger, TestDevice device) =>
        ledger.ReadDevice(device.DeviceId).Where(e => e.Kind == "frame")
            .Select(e => JsonDocument.Parse(e.Detail).RootElement.GetProperty("seq").GetUInt32()).ToList();

    [Fact]
    public void A_frame_whose_commit_died_is_in_neither_ledger_nor_state_and_its_resend_is_recorded_once()
    {
        var device = TestDevice.Create(610);
        byte[] inFlight;
        using (var first = new Process(LedgerPath, _clock))
        {
            Send(first.Verifier, device, device.Genesis());
            for (int i = 0; i < 3; i++) { _clock.Advance(5000); Send(first.Verifier, device, device.Next()); }
            FailStateWritesOf(device);
            _clock.Advance(5000);
            inFlight = device.Next();
            Assert.ThrowsAny<LedgerWriteException>(() => Send(first.Verifier, device, inFlight));
        }
        Sql("DROP TRIGGER crash_before_state");

        using var second = new Process(LedgerPath, _clock);
        Assert.Equal(3u, second.Verifier.Device(device.DeviceId)!.LastSeq);
        Judgement resent = Send(second.Verifier, device, inFlight);
        Assert.Equal(Verdict.Next, resent.Verdict);
        Assert.Equal(Verdict.Duplicate, Send(second.Verifier, device, inFlight).Verdict);
        Assert.Equal([0u, 1, 2, 3, 4], FrameSeqs(second.Ledger, device));
        Assert.Null(second.Ledger.Verify());
    }

    [Fact]
    public void An_operator_action_is_in_the_ledger_exactly_when_it_is_in_the_state()
    {
        var device = TestDevice.Create(611);
        using (var first = new Process(LedgerPath, _clock))
        {
            Send(first.Verifier, device, device.Genesis());
            for (int i = 0; i < 11; i++) { _clock.Advance(5000); Send(first.Verifier, device, device.Next()); }
            Assert.Equal(DecisionMode.AdmitFull, first.Verifier.Device(device.DeviceId)!.Mode);
            FailStateWritesOf(device);
            Assert.ThrowsAny<LedgerWriteException>(() => first.Verifier.Revoke(device.DeviceId, "alice", "lost laptop"));
            // Not durable, so not done: not in the ledger, and not in the running verifier's view either.
            Assert.DoesNotContain(first.Ledger.ReadDevice(device.DeviceId), e => e.Kind == "operator");
            Assert.Equal(DecisionMode.AdmitFull, first.Verifier.Device(device.DeviceId)!.Mode);
        }
        Sql("DROP TRIGGER crash_before_state");

        using (var second = new Process(LedgerPath, _clock))
        {
            Assert.Equal(DecisionMode.AdmitFull, second.Verifier.Device(device.DeviceId)!.Mode);
            Judgement revoked = second.Verifier.Revoke(device.DeviceId, "alice", "lost laptop")!;
            Assert.Equal(DecisionMode.Refused, revoked.Mode);
        }

        using var third = new Process(LedgerPath, _clock);
        Assert.Equal(DecisionMode.Refused, third.Verifier.Device(device.DeviceId)!.Mode);
        Assert.Single(third.Ledger.ReadDevice(device.DeviceId), e => e.Kind == "operator");
        Assert.Null(third.Ledger.Verify());
    }

    [Fact]
    public async Task Concurrent_judgements_of_different_devices_share_one_commit()
    {
        var devices = Enumerable.Range(0, 9).Select(i => TestDevice.Create(620 + i)).ToList();
        using var process = new Process(LedgerPath, _clock);
        long commitsBefore = process.Ledger.Commits;
        // Another connection holds SQLite's write lock: the first judgement's commit waits inside it while the
        // other eight judgements (other devices, other threads) queue behind it.
        using var blocker = new SqliteConnection($"Data Source={LedgerPath};Pooling=False");
        blocker.Open();
        using var hold = blocker.BeginTransaction(deferred: false);
        Task<Judgement> Judge(TestDevice d) => Task.Factory.StartNew(() => Send(process.Verifier, d, d.Genesis()), TaskCreationOptions.LongRunning);
        var leader = Judge(devices[0]);
        await WaitUntil(() => process.Ledger.Committing && process.Ledger.Waiting == 0);
        var followers = devices.Skip(1).Select(Judge).ToList();
        await WaitUntil(() => process.Ledger.Waiting == 8);
        hold.Rollback();

        var judgements = await Task.WhenAll(followers.Prepend(leader)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(judgements, j => Assert.Equal(Verdict.Genesis, j.Verdict));
        Assert.Equal(2, process.Ledger.Commits - commitsBefore);   // 9 judgements, each records + state, in 2 commits
        using var reopened = new SqliteDeviceStateStore(LedgerPath);
        Assert.All(devices, d => Assert.True(reopened.TryLoad(d.DeviceId, out _, out long version) && version == 1));
        Assert.All(devices, d => Assert.Equal([0u], FrameSeqs(process.Ledger, d)));
        Assert.Null(process.Ledger.Verify());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(1);
        }
    }
}
