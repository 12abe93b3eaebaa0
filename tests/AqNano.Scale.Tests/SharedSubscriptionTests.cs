using System.Buffers;
using AqNano.Lineage.Tests;
using AqNano.Protocol;
using AqNano.Verifier;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.ExternalBroker;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.App.Workers;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Scale.Tests;

/// <summary>`--shared-group`: two workers in one MQTT 5 shared subscription on a real Mosquitto. Mosquitto hands
/// the frames out round robin, so one board's frames alternate between the workers; sent one at a time (each after
/// the previous Decision) they are all judged next links, because each worker reads the device's state fresh
/// before every frame. (Sent back to back, round robin would race them: why docs/SCALING-WORKERS.md says never
/// to use this on Mosquitto; that race is not asserted here, it is not deterministic.)</summary>
[Collection(PostgresCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedSubscriptionTests(PostgresServer server)
{
    [SkippableFact]
    public async Task Frames_alternating_between_two_shared_subscription_workers_all_link_on_fresh_state()
    {
        Skip.IfNot(File.Exists(MosquittoFactAttribute.Binary), $"{MosquittoFactAttribute.Binary} is not installed (apt-get install mosquitto)");
        string database = server.NewSchema();
        using var mosquitto = await MosquittoProcess.StartAsync();
        string folder = Directory.CreateTempSubdirectory("aqnano-shared-").FullName;
        var hosts = new List<VerifierHost>();
        var backends = new List<VerifierBackend>();
        try
        {
            foreach (string id in new[] { "s1", "s2" })
            {
                var worker = new WorkerOptions { WorkerId = id, SharedGroup = "verifiers" };
                var backend = BackendFactory.OpenPostgres(database, new VerifierPolicy(), "test", TimeProvider.System, worker);
                backends.Add(backend);
                var options = new ServeOptions
                {
                    ExternalBroker = new Uri($"mqtt://127.0.0.1:{mosquitto.Port}"), ExternalUser = "verifier",
                    ExternalPassword = MosquittoProcess.VerifierPassword, DashboardPort = 0, StateFolder = folder, Worker = worker,
                };
                var host = new VerifierHost(options, backend, NullLoggerFactory.Instance, TimeProvider.System);
                hosts.Add(host);
                await host.StartAsync();
            }

            var board = new TestBoard(7401);
            await using var device = await TestClient.ConnectAsync(mosquitto.Port);
            await device.SubscribeAsync(board.DecisionTopic);
            for (uint seq = 0; seq < 8; seq++)
            {
                await device.PublishAsync(board.ObsTopic, board.NextFrame());
                var decision = await device.WaitForAsync(board.DecisionTopic, bytes => Decisions.Parse(bytes).Seq == seq, timeoutMs: 20_000);
                Assert.True(decision != null, $"no Decision for seq {seq}");
                Assert.NotEqual(DecisionMode.Refused, Decisions.Parse(decision!.Payload.ToArray()).Mode);
            }

            Assert.All(hosts, host => Assert.True(host.Metrics.FramesIn > 0, "round robin gave one worker nothing"));
            using var ledger = PostgresPartitionedLedger.OpenExisting(database); // serve's default count, as the workers above
            var frames = ledger.ReadDevice(board.DeviceId).Where(e => e.Kind == "frame").ToList();
            Assert.Equal(8, frames.Count);
            Assert.All(frames.Skip(1), f => Assert.Contains("\"verdict\":\"next\"", f.Detail));
            Assert.DoesNotContain(ledger.ReadDevice(board.DeviceId), e => e.Kind is "refusal" or "incident");

            // The fleet page names the worker (it lists only what this worker judged).
            var viewer = hosts[0].Users.Single(u => u.Name == "viewer");
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
            { BaseAddress = new Uri(hosts[0].Dashboard.Address) };
            using var login = new HttpRequestMessage(HttpMethod.Post, "/login")
            { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "viewer", ["password"] = viewer.Password }) };
            login.Headers.Add("Origin", hosts[0].Dashboard.Address);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.SendAsync(login)).StatusCode);
            using var workerView = System.Text.Json.JsonDocument.Parse(await browser.GetStringAsync("/api/worker"));
            Assert.Equal("s1", workerView.RootElement.GetProperty("workerId").GetString());
            Assert.Equal(64, workerView.RootElement.GetProperty("partitions").GetInt32());
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
            foreach (var backend in backends) backend.Dispose();
            Directory.Delete(folder, true);
        }
    }
}
