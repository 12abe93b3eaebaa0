using System.Diagnostics;
using System.Net;
using AqNano.Protocol;
using AqNano.Verifier;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AqNano.App.Benchmarks;

/// <summary>What a fleet of subscribed boards costs the embedded broker per Decision and per SUBSCRIBE:
/// MQTTnet's own dispatch and retained store (how the broker published Decisions before, and the baseline)
/// against <see cref="DeviceTopicRouter"/>, at several fleet sizes, in the same run (docs/PERFORMANCE-APP.md
/// "Decision fan-out"). Each board is a real MQTTnet client on its own loopback connection subscribed to its
/// own decision topic; one retained Decision per board exists before the boards subscribe, as in a running
/// fleet; then Decisions are published one at a time, round robin over the boards, as the broker's publisher
/// does, and timed until every board has received its own.</summary>
public static class DecisionFanOut
{
    public static async Task RunAsync(int[] fleetSizes, int decisionsPerBoard)
    {
        Console.WriteLine($"decision fan-out: {decisionsPerBoard} Decisions per board, boards subscribed to their own decision topic; {Environment.ProcessorCount} cores");
        Console.WriteLine("| boards | path | subscribes/s | Decisions/s | ratio subscribes | ratio Decisions |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (int boards in fleetSizes)
        {
            var baseline = await MeasureAsync(boards, decisionsPerBoard, router: false);
            var routed = await MeasureAsync(boards, decisionsPerBoard, router: true);
            Console.WriteLine($"| {boards:N0} | MQTTnet dispatch, retained store (baseline) | {baseline.Subscribes:F0} | {baseline.Decisions:F0} | 1.00 | 1.00 |");
            Console.WriteLine($"| {boards:N0} | DeviceTopicRouter | {routed.Subscribes:F0} | {routed.Decisions:F0} | {routed.Subscribes / baseline.Subscribes:F2} | {routed.Decisions / baseline.Decisions:F2} |");
        }
    }

    private static async Task<(double Subscribes, double Decisions)> MeasureAsync(int boards, int decisionsPerBoard, bool router)
    {
        int port = FreePort.Next();
        ulong[] ids = Enumerable.Range(0, boards).Select(i => 0x0A00_0000_0000_0000UL + (ulong)i * 7919).ToArray();
        byte[] frame = new byte[Protocol.Frames.FrameLayout.DecisionSize];
        Func<ulong, Task> publish;
        Func<ValueTask> stop;
        if (router)
        {
            var ledger = new InMemoryLedger();
            var verifier = new FleetVerifier(new VerifierPolicy(), ledger, TimeProvider.System);
            var broker = new EmbeddedBroker(new EmbeddedBrokerOptions { Listen = IPAddress.Loopback, Port = port, TlsPort = 0 },
                verifier, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
            await broker.StartAsync();
            publish = id => { broker.Router.PublishDecision(id, frame, "bench"); return Task.CompletedTask; };
            stop = async () => { await broker.DisposeAsync(); ledger.Dispose(); };
        }
        else
        {
            // The embedded broker's MQTTnet options, and Decisions injected retained as it did before the router.
            var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port)
                .WithMaxPendingMessagesPerClient(100_000).Build());
            await server.StartAsync();
            publish = id => server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(Topics.Decision(id)).WithPayload(frame).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(true).Build()) { SenderClientId = "bench" });
            stop = async () => { await server.StopAsync(); server.Dispose(); };
        }
        foreach (ulong id in ids) await publish(id);

        long live = 0;
        var clients = new IMqttClient[boards];
        for (int i = 0; i < boards; i++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                if (!e.ApplicationMessage.Retain) Interlocked.Increment(ref live);
                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"fan-{i}")
                .WithTimeout(TimeSpan.FromSeconds(60)).Build());
            clients[i] = client;
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, boards).Select(i =>
            clients[i].SubscribeAsync(Topics.Decision(ids[i]), MqttQualityOfServiceLevel.AtLeastOnce)));
        double subscribes = boards / watch.Elapsed.TotalSeconds;

        long expected = (long)boards * decisionsPerBoard;
        watch.Restart();
        for (int round = 0; round < decisionsPerBoard; round++)
        {
            foreach (ulong id in ids) await publish(id);
        }
        while (Interlocked.Read(ref live) < expected)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{Interlocked.Read(ref live)} of {expected} Decisions arrived");
            await Task.Delay(1);
        }
        double decisions = expected / watch.Elapsed.TotalSeconds;

        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
        await stop();
        return (subscribes, decisions);
    }
}
