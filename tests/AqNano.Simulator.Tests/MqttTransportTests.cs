using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>The MQTT transport against MQTTnet's embedded server, started here on a free loopback port.</summary>
public sealed class MqttTransportTests : IAsyncLifetime
{
    private LoopbackBroker _broker = null!;
    private int _port;
    private System.Collections.Concurrent.ConcurrentQueue<(string ClientId, string Topic, byte[] Payload)> _published = null!;

    public async Task InitializeAsync()
    {
        _broker = await LoopbackBroker.StartAsync();
        _port = _broker.Port;
        _published = _broker.Published;
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public void PublishIsAcknowledgedAndRetainedMessagesReachLaterSubscribers()
    {
        using MqttUplink publisher = MqttUplink.Connect("127.0.0.1", _port, "test-publisher");
        Assert.True(publisher.IsConnected);
        Assert.True(publisher.Publish("aq/v1/dev/0011223344556677/decision", new byte[] { 9, 8, 7, 6 }, 1, 2, retain: true));
        using MqttUplink subscriber = MqttUplink.Connect("127.0.0.1", _port, "test-subscriber");
        using ManualResetEventSlim arrived = new();
        subscriber.MessageArrived += arrived.Set;
        Assert.True(subscriber.Subscribe("aq/v1/dev/+/decision"));
        Assert.True(arrived.Wait(TimeSpan.FromSeconds(10)));
        byte[] buffer = new byte[16];
        Assert.Equal(2, subscriber.Receive(buffer, 0, out string topic));
        Assert.Equal("aq/v1/dev/0011223344556677/decision", topic);
        Assert.Equal(new byte[] { 8, 7 }, buffer[..2]);
        Assert.Equal(-1, subscriber.Receive(buffer, 0, out _));
    }

    [Fact]
    public async Task AReconnectRestoresTheSubscriptions()
    {
        using MqttUplink device = MqttUplink.Connect("127.0.0.1", _port, "test-device");
        Assert.True(device.Subscribe("aq/v1/dev/0011223344556677/decision"));
        await _broker.KickAsync("test-device");
        Assert.True(SpinWait.SpinUntil(() => !device.IsConnected, TimeSpan.FromSeconds(10)));
        Assert.True(device.TryReconnectNow());
        using ManualResetEventSlim arrived = new();
        device.MessageArrived += arrived.Set;
        using MqttUplink verifier = MqttUplink.Connect("127.0.0.1", _port, "test-verifier");
        Assert.True(verifier.Publish("aq/v1/dev/0011223344556677/decision", new byte[] { 1 }, 0, 1, retain: false));
        Assert.True(arrived.Wait(TimeSpan.FromSeconds(10)), "the subscription did not survive the reconnect");
    }

    [Fact]
    public void AnUnreachableBrokerIsAClearRefusal()
    {
        MqttTransportException refusal = Assert.Throws<MqttTransportException>(() => MqttUplink.Connect("127.0.0.1", LoopbackBroker.FreePort(), "nobody"));
        Assert.Contains("mqtt://127.0.0.1:", refusal.Message);
    }

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", "127.0.0.1", 1883, true)]
    [InlineData("mqtt://broker.local", "broker.local", 1883, true)]
    [InlineData("http://127.0.0.1:1883", "", 0, false)]
    [InlineData("127.0.0.1:1883", "", 0, false)]
    [InlineData("mqtts://127.0.0.1:8883", "", 0, false)] // TLS needs the CA to pin (BrokerEndpointTests)
    public void BrokerAddressesParse(string address, string host, int port, bool valid)
    {
        Assert.Equal(valid, BrokerEndpoint.TryParse(address, null, out BrokerEndpoint endpoint, out string error));
        if (valid) Assert.Equal((host, port, LinkPath.Open), (endpoint.Host, endpoint.Port, endpoint.Path));
        else Assert.NotEmpty(error);
    }

    [Fact]
    public void BoardsRunTheirChainsOverTheBrokerInRealTime()
    {
        RealTimeScheduler scheduler = new();
        StringWriter captureText = new();
        using CaptureWriter capture = new(captureText);
        MqttUplinkFactory mqtt = new("127.0.0.1", _port, scheduler, 5);
        ScenarioDefinition definition = ScenarioCatalogue.Find("honest-fleet") with { Outages = [], Reboots = [], Network = new NetworkSpec() };
        ScenarioRun run = new(definition, new RunOptions
        {
            Scheduler = scheduler,
            Uplinks = new CapturingUplinkFactory(mqtt, capture, scheduler, mqtt.PathOf),
            Devices = 2,
            IntervalSeconds = 0.5,
            // Real time on a shared 2-core machine: leave room for entropy gathering before the Genesis.
            DurationMinutes = 6.0 / 60,
        });
        ScenarioReport report = run.Run();
        foreach (SimulatedBoard board in run.Devices) board.PowerOff();

        ChainMath math = new(new HostHmacSha256());
        foreach (SimulatedBoard board in run.Devices)
        {
            ulong id = run.DeviceIdOf(board);
            Frame[] frames = _published.Where(p => p.Topic == Topics.Observation(id)).Select(p =>
            {
                Frame frame = new();
                Assert.True(FrameCodec.TryParse(p.Payload, 0, p.Payload.Length, frame, out _));
                return frame;
            }).ToArray();
            // A Genesis and one Observation are enough to check a link over the broker.
            Assert.True(frames.Length >= 2, $"{board.Name} sent {frames.Length} frames");
            Assert.Equal(FrameKind.Genesis, frames[0].Kind);
            for (int i = 1; i < frames.Length; i++) Assert.True(math.Opens(frames[i].Reveal, 0, frames[i - 1].Commit, 0));
        }
        List<CaptureLine> lines = CaptureReader.Read(new StringReader(captureText.ToString())).ToList();
        Assert.Equal(_published.Count(p => p.Topic.EndsWith("/obs")), lines.Count(l => l.Topic.EndsWith("/obs")));
        Assert.All(lines, l => Assert.Equal("open", l.Path));
        Assert.Equal(report.TotalDeviceFrames, lines.Count);
    }
}
