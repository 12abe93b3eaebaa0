using System.Buffers;
using AqNano.Protocol;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Faults;

/// <summary>Issue 7 item 3: the broker restarts mid-run. The whole `serve` host (embedded broker and
/// the real verifier over SQLite) is stopped and started again on the same ledger and port; boards
/// (real MQTTnet clients publishing real chains) reconnect under their client ids and continue.</summary>
public sealed class BrokerRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-restart-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private sealed record Running(VerifierHost Host, VerifierBackend Backend) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            Backend.Dispose();
        }
    }

    private async Task<Running> StartAsync(string ledger, int port)
    {
        var backend = BackendFactory.Open(ledger, new VerifierPolicy(), "defaults", TimeProvider.System);
        var options = new ServeOptions
        {
            MqttPort = port, TlsPort = 0, DashboardPort = 0, StateFolder = _folder,
            OperatorPassword = "op", ViewerPassword = "view", ControllerPassword = "ctl",
        };
        var host = new VerifierHost(options, backend, NullLoggerFactory.Instance, TimeProvider.System);
        await host.StartAsync();
        return new Running(host, backend);
    }

    private static bool Accepted(MqttClientPublishResult r) => r.IsSuccess || r.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;

    [Fact]
    public async Task A_restarted_broker_on_the_same_ledger_continues_every_chain_and_loses_no_decision()
    {
        string ledgerPath = Path.Combine(_folder, "ledger.db");
        int port = FreePort.Next();
        var boards = Enumerable.Range(0, 3).Select(i => new TestBoard(700 + i)).ToArray();
        const int before = 4, after = 4;

        await using (var first = await StartAsync(ledgerPath, port))
        {
            var clients = await Task.WhenAll(boards.Select((_, i) => TestClient.ConnectAsync(port, $"board-{i}")));
            for (int n = 0; n < before; n++)
            {
                for (int i = 0; i < boards.Length; i++) Assert.True(Accepted(await clients[i].PublishAsync(boards[i].ObsTopic, boards[i].NextFrame())));
            }
            // The broker goes away under live connections (no DISCONNECT from the boards first).
            await first.DisposeAsync();
            foreach (var client in clients) await client.DisposeAsync();
        }

        await using (var second = await StartAsync(ledgerPath, port))
        {
            var clients = await Task.WhenAll(boards.Select((_, i) => TestClient.ConnectAsync(port, $"board-{i}")));
            for (int i = 0; i < boards.Length; i++) await clients[i].SubscribeAsync(boards[i].DecisionTopic);
            for (int n = 0; n < after; n++)
            {
                for (int i = 0; i < boards.Length; i++) Assert.True(Accepted(await clients[i].PublishAsync(boards[i].ObsTopic, boards[i].NextFrame())));
            }
            for (int i = 0; i < boards.Length; i++)
            {
                // Each board hears the decision on its last frame, from the new broker.
                var last = await clients[i].WaitForAsync(boards[i].DecisionTopic, b => Decisions.Parse(b).Seq == before + after - 1, 10_000);
                Assert.NotNull(last);
                Assert.NotEqual(DecisionMode.Refused, Decisions.Parse(last!.Payload.ToArray()).Mode);
            }
            foreach (var client in clients) await client.DisposeAsync();
        }

        using var ledger = new SqliteLedger(ledgerPath);
        Assert.Null(ledger.Verify());
        foreach (var board in boards)
        {
            var frames = LedgerFrames.Of(ledger, board.DeviceId);
            // The chain continued across the restart: genesis, then only next links, none refused.
            Assert.Equal(Enumerable.Range(0, before + after).Select(s => (uint)s), frames.Select(f => f.Seq));
            Assert.Equal(["genesis", .. Enumerable.Repeat("next", before + after - 1)], frames.Select(f => f.Verdict));
            Assert.DoesNotContain(ledger.ReadDevice(board.DeviceId), e => e.Kind == "refusal");
            // No decision lost: every judged frame has its decision record.
            Assert.Superset(Enumerable.Range(0, before + after).Select(s => (uint)s).ToHashSet(), LedgerFrames.DecidedSeqs(ledger, board.DeviceId));
        }
    }
}
