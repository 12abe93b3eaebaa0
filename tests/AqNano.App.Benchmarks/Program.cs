using System.Buffers;
using System.Diagnostics;
using System.Net;
using AqNano.App.Benchmarks;
using AqNano.Verifier;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Ingest;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

// Usage: dotnet run -c Release --project tests/AqNano.App.Benchmarks -- [boards] [framesPerBoard]
//        dotnet run -c Release --project tests/AqNano.App.Benchmarks -- fanout [boards,boards,...] [decisionsPerBoard]
if (args.Length > 0 && args[0] == "fanout")
{
    int[] sizes = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [100, 1000, 4000];
    await DecisionFanOut.RunAsync(sizes, args.Length > 2 ? int.Parse(args[2]) : 5);
    return;
}
int boards = args.Length > 0 ? int.Parse(args[0]) : 50;
int perBoard = args.Length > 1 ? int.Parse(args[1]) : 200;
Console.WriteLine($"{boards} boards x {perBoard} frames, QoS 1, one frame in flight per board; {Environment.ProcessorCount} cores");

List<(TestBoard, byte[][])> Fleet(int seed) => Enumerable.Range(0, boards).Select(i =>
{
    var board = new TestBoard(seed * 100_000 + i);
    return (board, Enumerable.Range(0, perBoard).Select(_ => board.NextFrame()).ToArray());
}).ToList();

string Summary(double[] ms)
{
    if (ms.Length == 0) return "no decisions";
    Array.Sort(ms);
    return $"decision latency p50 {ms[ms.Length / 2]:F2} ms, p99 {ms[(int)(ms.Length * 0.99)]:F2} ms ({ms.Length} decisions)";
}

string folder = Directory.CreateTempSubdirectory("aqnano-bench-").FullName;

// 1. The same MQTTnet broker relaying to a plain subscriber (no interceptors).
long relayed = 0;
{
    int port = FreePort.Next();
    var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
        .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port)
        .WithMaxPendingMessagesPerClient(1_000_000).Build()); // the default 250 drops a lagging subscriber's copies
    await server.StartAsync();
    var subscriber = new MqttClientFactory().CreateMqttClient();
    subscriber.ApplicationMessageReceivedAsync += _ => { Interlocked.Increment(ref relayed); return Task.CompletedTask; };
    await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build());
    await subscriber.SubscribeAsync("aq/v1/dev/+/obs", MqttQualityOfServiceLevel.AtLeastOnce);
    var (rate, _) = await LoadRun.RunAsync(port, Fleet(1), false, () => Interlocked.Read(ref relayed));
    Console.WriteLine($"embedded broker relaying to a plain subscriber: {rate:F0} frames/s");
    await subscriber.DisconnectAsync();
    await server.StopAsync();
    server.Dispose();
    Results.Relay = rate;
}

// 2. The embedded broker with the verifier judging inline, ledger in SQLite (the default).
foreach (bool sqlite in new[] { true, false })
{
    int port = FreePort.Next();
    // SQLite: exactly what `serve` opens (ledger, device state, group commit), so that the ratio is serve's.
    VerifierBackend backend = sqlite
        ? BackendFactory.Open(Path.Combine(folder, "bench.db"), new VerifierPolicy(), "defaults", TimeProvider.System)
        : Memory();
    var verifier = (FleetVerifier)backend.Verifier;
    ILedger ledger = backend.Ledger;
    long judged = 0;
    verifier.Judged += _ => Interlocked.Increment(ref judged);
    // A throughput run sends as fast as the broker acks, far above an honest board's rate: the
    // per-client rate limit (issue 7 item 5) is lifted so that it measures the broker, not the limit.
    var unlimited = new BrokerLimits { PublishesPerSecond = 1e9, PublishBurst = int.MaxValue };
    var broker = new EmbeddedBroker(new EmbeddedBrokerOptions { Port = port, TlsPort = 0, Limits = unlimited }, verifier, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
    await broker.StartAsync();
    var (rate, latencies) = await LoadRun.RunAsync(port, Fleet(sqlite ? 2 : 3), true, () => Interlocked.Read(ref judged));
    Console.WriteLine($"embedded broker into the verifier ({(sqlite ? "SQLite" : "in-memory")} ledger): {rate:F0} frames/s, ratio {rate / Results.Relay:F2}; {Summary(latencies)}");
    if (ledger is GroupCommitLedger grouped)
        Console.WriteLine($"  group commit: {grouped.Commits} commits for {grouped.Records} records ({(double)grouped.Records / Math.Max(1, grouped.Commits):F1} records per commit)");
    await broker.DisposeAsync();
    backend.Dispose();
}

// 3. Mosquitto, when installed: relay to a plain subscriber, then the verifier as its client.
if (OperatingSystem.IsLinux() && File.Exists("/usr/sbin/mosquitto"))
{
    int port = FreePort.Next();
    string conf = Path.Combine(folder, "m.conf");
    File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nset_tcp_nodelay true\nmax_queued_messages 1000000\n");
    File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
    File.SetUnixFileMode(conf, (UnixFileMode)0b110_100_100);
    using var mosquitto = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", conf]) { RedirectStandardError = true })!;
    await Task.Delay(500);
    long copies = 0;
    var subscriber = new MqttClientFactory().CreateMqttClient();
    subscriber.ApplicationMessageReceivedAsync += _ => { Interlocked.Increment(ref copies); return Task.CompletedTask; };
    await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build());
    await subscriber.SubscribeAsync("aq/v1/dev/+/obs", MqttQualityOfServiceLevel.AtLeastOnce);
    var (relay, _) = await LoadRun.RunAsync(port, Fleet(4), false, () => Interlocked.Read(ref copies));
    await subscriber.DisconnectAsync();
    Console.WriteLine($"mosquitto relaying to a plain subscriber: {relay:F0} frames/s");

    var ledger = new InMemoryLedger();
    var verifier = new FleetVerifier(new VerifierPolicy(), ledger, TimeProvider.System);
    long judged = 0;
    verifier.Judged += _ => Interlocked.Increment(ref judged);
    await using (var client = new ExternalBrokerClient(new Uri($"mqtt://127.0.0.1:{port}"), null, null, PathMode.Open, NullLogger.Instance))
    {
        client.Ingest = new FrameIngest(verifier, client, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
        await client.StartAsync();
        var (rate, latencies) = await LoadRun.RunAsync(port, Fleet(5), true, () => Interlocked.Read(ref judged));
        Console.WriteLine($"mosquitto into the verifier as its client (in-memory ledger): {rate:F0} frames/s, ratio {rate / relay:F2}; {Summary(latencies)}");
    }
    ledger.Dispose();
    mosquitto.Kill();
}
Directory.Delete(folder, true);

static VerifierBackend Memory()
{
    var ledger = new InMemoryLedger();
    var verifier = new FleetVerifier(new VerifierPolicy(), ledger, TimeProvider.System);
    return new VerifierBackend(verifier, verifier, ledger);
}

static class Results
{
    public static double Relay;
}
