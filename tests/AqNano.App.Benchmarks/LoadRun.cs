using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using AqNano.Protocol.Frames;
using AqNano.Verifier.App.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;

namespace AqNano.App.Benchmarks;

/// <summary>N boards, each an MQTTnet client on its own connection, publish their pre-built frames at
/// QoS 1 as fast as PUBACKs return (one in flight per board, as a device does). Counts what arrives
/// at the far end (the verifier's decisions, or a plain subscriber's copies) and the latency from
/// publish to the Decision acknowledging that seq.</summary>
public sealed class LoadRun
{
    public static async Task<(double FramesPerSecond, double[] DecisionLatenciesMs)> RunAsync(
        int port, IReadOnlyList<(TestBoard Board, byte[][] Frames)> fleet, bool waitForDecisions, Func<long> delivered)
    {
        long total = fleet.Sum(f => (long)f.Frames.Length);
        var latencies = new ConcurrentBag<double>();
        var clients = new List<IMqttClient>();
        var sentAt = new ConcurrentDictionary<(ulong, uint), long>();
        foreach (var (board, _) in fleet)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-" + Guid.NewGuid().ToString("N")).Build());
            if (waitForDecisions)
            {
                client.ApplicationMessageReceivedAsync += e =>
                {
                    var frame = new Frame();
                    byte[] bytes = e.ApplicationMessage.Payload.ToArray();
                    if (FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out _) && sentAt.TryRemove((frame.DeviceId, frame.Seq), out long at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    }
                    return Task.CompletedTask;
                };
                await client.SubscribeAsync(board.DecisionTopic, MqttQualityOfServiceLevel.AtLeastOnce);
            }
            clients.Add(client);
        }
        long before = delivered();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(fleet.Select((f, i) => Task.Run(async () =>
        {
            foreach (byte[] frame in f.Frames)
            {
                uint seq = BitConverter.ToUInt32(frame, FrameLayout.SeqOffset);
                sentAt[(f.Board.DeviceId, seq)] = Stopwatch.GetTimestamp();
                await clients[i].PublishAsync(new MqttApplicationMessageBuilder().WithTopic(f.Board.ObsTopic).WithPayload(frame)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
        })));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (delivered() - before < total && DateTime.UtcNow < deadline) await Task.Delay(1);
        double seconds = watch.Elapsed.TotalSeconds;
        long got = delivered() - before;
        if (got < total) Console.Error.WriteLine($"  warning: only {got} of {total} frames arrived within 60 s");
        await Task.Delay(200);
        foreach (var client in clients) { await client.DisconnectAsync(); client.Dispose(); }
        return (got / seconds, latencies.ToArray());
    }
}
