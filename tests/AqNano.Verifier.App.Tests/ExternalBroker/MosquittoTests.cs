using System.Buffers;
using AqNano.Protocol;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Verifier.App.Tests.ExternalBroker;

/// <summary>`aqnano serve --broker mqtt://...` as a plain client of a real Mosquitto 2.0 with the
/// shipped ACL (issue 6 item 3), and the real verifier core behind it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MosquittoTests
{
    [MosquittoFact]
    public async Task Boards_through_mosquitto_get_retained_decisions_and_the_acl_keeps_obs_and_decisions_to_the_verifier()
    {
        using var mosquitto = await MosquittoProcess.StartAsync();
        string folder = Directory.CreateTempSubdirectory("aqnano-ext-").FullName;
        var ledger = new InMemoryLedger();
        var verifier = new FleetVerifier(new VerifierPolicy(), ledger, TimeProvider.System);
        var options = new ServeOptions
        {
            ExternalBroker = new Uri($"mqtt://127.0.0.1:{mosquitto.Port}"), ExternalUser = "verifier",
            ExternalPassword = MosquittoProcess.VerifierPassword, DashboardPort = 0, StateFolder = folder,
        };
        await using (var host = new VerifierHost(options, new VerifierBackend(verifier, verifier, ledger), NullLoggerFactory.Instance, TimeProvider.System))
        {
            await host.StartAsync();
            var board = new TestBoard(41);
            await using var device = await TestClient.ConnectAsync(mosquitto.Port);
            await device.SubscribeAsync(board.DecisionTopic);
            await device.SubscribeAsync(Topics.AllObservations);

            for (int i = 0; i < 3; i++) await device.PublishAsync(board.ObsTopic, board.NextFrame());

            var decision = await device.WaitForAsync(board.DecisionTopic, bytes => Decisions.Parse(bytes).Seq == 2, timeoutMs: 10000);
            Assert.NotNull(decision);
            Assert.Equal(3, ledger.ReadDevice(board.DeviceId).Count(e => e.Frame.Length > 0));
            Assert.DoesNotContain(device.Received, m => m.Topic == board.ObsTopic);

            // A board cannot overwrite its decision: the ACL drops the publish, the verifier's retained one stays.
            await device.PublishAsync(board.DecisionTopic, new byte[68], retain: true);
            await using var late = await TestClient.ConnectAsync(mosquitto.Port);
            await late.SubscribeAsync(board.DecisionTopic);
            var retained = await late.WaitForAsync(board.DecisionTopic);
            Assert.NotNull(retained);
            Assert.Equal(board.DeviceId, Decisions.Parse(retained!.Payload.ToArray()).DeviceId);
        }
        Directory.Delete(folder, true);
    }
}
