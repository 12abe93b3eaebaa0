using System.Buffers;
using System.Diagnostics;
using AqNano.Protocol;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Faults;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using Xunit.Abstractions;

namespace AqNano.Verifier.App.Tests.Load;

/// <summary>The short CI version of issue 7 item 4: a few hundred boards, each on its own MQTT
/// connection, publishing in bursts (every board at once, round after round) through the embedded
/// broker into the real verifier over SQLite with the default limits. Nothing acknowledged is lost,
/// no honest board is refused, every board hears the decision on its last frame. The full 10,000-board,
/// 10-minute run is tests/load/run-fleet-load.sh (see docs/PERFORMANCE.md "Fleet load").</summary>
public sealed class ShortLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task Bursts_from_two_hundred_boards_lose_no_frame_and_every_board_hears_its_last_decision()
    {
        const int boardCount = 200, rounds = 5;
        string ledgerPath = Path.Combine(_folder, "ledger.db");
        int port = FreePort.Next();
        var backend = BackendFactory.Open(ledgerPath, new VerifierPolicy(), "defaults", TimeProvider.System);
        var options = new ServeOptions { MqttPort = port, TlsPort = 0, DashboardPort = 0, StateFolder = _folder, OperatorPassword = "op", ViewerPassword = "view", ControllerPassword = "ctl" };
        var boards = Enumerable.Range(0, boardCount).Select(i => new TestBoard(5000 + i)).ToArray();
        var frames = boards.Select(b => Enumerable.Range(0, rounds).Select(_ => b.NextFrame()).ToArray()).ToArray();
        long peakBytes = 0;
        var host = new VerifierHost(options, backend, NullLoggerFactory.Instance, TimeProvider.System);
        await host.StartAsync();
        try
        {
            var clients = await Task.WhenAll(boards.Select(_ => TestClient.ConnectAsync(port)));
            await Task.WhenAll(clients.Select((c, i) => c.SubscribeAsync(boards[i].DecisionTopic)));
            for (int round = 0; round < rounds; round++)
            {
                // A burst: every board publishes at once; each waits for its PUBACK (QoS 1) before the next round.
                var results = await Task.WhenAll(clients.Select((c, i) => c.PublishAsync(boards[i].ObsTopic, frames[i][round])));
                Assert.All(results, r => Assert.True(r.IsSuccess || r.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers, r.ReasonCode.ToString()));
                peakBytes = Math.Max(peakBytes, Process.GetCurrentProcess().WorkingSet64);
            }
            var last = await Task.WhenAll(clients.Select((c, i) => c.WaitForAsync(boards[i].DecisionTopic, b => Decisions.Parse(b).Seq == rounds - 1, 30_000)));
            Assert.All(last, m => Assert.NotNull(m));
            Assert.All(last, m => Assert.NotEqual(DecisionMode.Refused, Decisions.Parse(m!.Payload.ToArray()).Mode));
            foreach (var client in clients) await client.DisposeAsync();
        }
        finally
        {
            await host.DisposeAsync();
            backend.Dispose();
        }

        using var ledger = new SqliteLedger(ledgerPath);
        Assert.Null(ledger.Verify());
        for (int i = 0; i < boardCount; i++)
        {
            var kept = LedgerFrames.Of(ledger, boards[i].DeviceId);
            Assert.Equal(frames[i].Select(Convert.ToHexString), kept.Select(f => Convert.ToHexString(f.Frame)));
        }
        // Reported, not asserted (machine-dependent): the test process's working set after each burst.
        output.WriteLine($"{boardCount} boards x {rounds} bursts: peak working set {peakBytes / (1024 * 1024)} MiB");
    }
}
