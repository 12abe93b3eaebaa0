using System.Net;
using System.Text;
using AqNano.Firmware.Core.Proxied;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Host;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Gateway;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Verifier.App.Tests.Gateway;

/// <summary>`aqnano gateway` over a real broker (issue 9 item 2): a plain MQTT publisher, the gateway's host class and
/// the embedded broker with the real verifier. The pair is registered in the policy; the proxied sensor reaches the
/// mode its gateway's standing caps it at.</summary>
public sealed class GatewayVerbTests : IAsyncLifetime
{
    private const string GatewayChipId = "24:6f:28:aa:bb:01";
    private const string SensorTopic = "plant/1/temperature";
    private readonly InMemoryLedger _ledger = new();
    private FleetVerifier _verifier = null!;
    private EmbeddedBroker _broker = null!;
    private int _port;
    private ulong _gatewayId;
    private ulong _sensorId;

    public async Task InitializeAsync()
    {
        var math = new ChainMath(new HostHmacSha256());
        byte[] chip = Encoding.UTF8.GetBytes(GatewayChipId);
        _gatewayId = math.DeviceId(chip, 0, chip.Length);
        byte[] address = ProxiedIdentity.AddressBytes(SensorTopic);
        _sensorId = ProxiedIdentity.DeviceIdOf(math.Hmac, _gatewayId, address, 0, address.Length);
        _verifier = new FleetVerifier(PolicyWithPair(), _ledger, TimeProvider.System);
        _port = FreePort.Next();
        _broker = new EmbeddedBroker(new EmbeddedBrokerOptions { Listen = IPAddress.Loopback, Port = _port },
            _verifier, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _ledger.Dispose();
    }

    /// <summary>Fast zones for a test: full after 3 links and 1 s; the gateway's zone also wants a registered witness
    /// for full, which it never gets, so the gateway stays restricted and caps its sensor there.</summary>
    private VerifierPolicy PolicyWithPair()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"] = new ZonePolicy { LinksForFull = 3, SecondsForFull = 1, Profile = new OperatingProfile { IntervalMs = 200 } };
        policy.Zones["gateways"] = new ZonePolicy { LinksForFull = 3, SecondsForFull = 1, WitnessesForFull = 1, Profile = new OperatingProfile { IntervalMs = 200 } };
        policy.Devices[Hex.FromWire(_gatewayId)] = "gateways";
        policy.Proxied[Hex.FromWire(_sensorId)] = Hex.FromWire(_gatewayId);
        return policy;
    }

    [Fact]
    public async Task A_plain_sensor_behind_the_gateway_verb_reaches_the_mode_its_gateway_caps_it_at()
    {
        var log = new StringWriter();
        var options = new GatewayOptions
        {
            Broker = new Uri($"mqtt://127.0.0.1:{_port}"), PublishTo = new Uri($"mqtt://127.0.0.1:{_port}"),
            Watch = ["plant/+/temperature"], GatewayId = GatewayChipId, Interval = TimeSpan.FromMilliseconds(200),
        };
        await using var gateway = new GatewayHost(options, log);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.StartAsync(stop.Token);
        Task running = gateway.RunAsync(stop.Token);
        await using var sensor = await TestClient.ConnectAsync(_port);

        await sensor.PublishAsync("plant/9/temperature", "not a reading"u8.ToArray());
        DeviceView? view = null;
        for (int i = 0; i < 400 && !(view is { Reason: Reasons.CappedByGateway } && gateway.TryGetDecision(_sensorId, out _, out byte seen) && seen == Reasons.CappedByGateway); i++)
        {
            await sensor.PublishAsync(SensorTopic, Encoding.ASCII.GetBytes((21.5 + (i % 3) * 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await Task.Delay(50);
            view = _verifier.Device(_sensorId);
        }
        stop.Cancel();
        await running;

        Assert.NotNull(view);
        Assert.Equal(DecisionMode.AdmitRestricted, view!.Mode);
        Assert.Equal(Reasons.CappedByGateway, view.Reason);
        Assert.Equal(Hex.FromWire(_gatewayId), view.Gateway);
        DeviceView gatewayView = _verifier.Device(_gatewayId)!;
        Assert.Equal(DecisionMode.AdmitRestricted, gatewayView.Mode);
        Assert.Equal(Reasons.AwaitingWitness, gatewayView.Reason);
        Assert.True(view.ContinuityDepth >= 3, $"the sensor's own chain is deep enough for full ({view.ContinuityDepth} links): only the cap holds it");
        Assert.True(gateway.TryGetDecision(_sensorId, out DecisionMode published, out _));
        Assert.Equal(DecisionMode.AdmitRestricted, published);
        // The bad message was refused and observed nothing: no device was made for its topic.
        Assert.Equal(1, gateway.BadMessages);
        Assert.Equal(1, gateway.Chains.DeviceCount);
        Assert.Equal(0, gateway.FramesRefused);
        Assert.Contains($"new proxied device {Hex.FromWire(_sensorId)} for {SensorTopic}", log.ToString());
        Assert.Contains("refused a message on plant/9/temperature", log.ToString());
        Assert.Null(_ledger.Verify());
    }

    /// <summary>The sensors on their own broker (Mosquitto, anonymous clients allowed on plant/#), the chains to the
    /// verifier's embedded broker: `--broker` and `--publish-to` apart, as in a plant that already has its broker.</summary>
    [ExternalBroker.MosquittoFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Sensors_on_their_own_mosquitto_and_chains_on_the_verifiers_broker()
    {
        using var mosquitto = await ExternalBroker.MosquittoProcess.StartAsync("topic readwrite plant/#");
        var log = new StringWriter();
        var options = new GatewayOptions
        {
            Broker = new Uri($"mqtt://127.0.0.1:{mosquitto.Port}"), PublishTo = new Uri($"mqtt://127.0.0.1:{_port}"),
            Watch = ["plant/+/temperature"], GatewayId = GatewayChipId, Interval = TimeSpan.FromMilliseconds(200),
        };
        await using var gateway = new GatewayHost(options, log);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.StartAsync(stop.Token);
        Task running = gateway.RunAsync(stop.Token);
        await using var sensor = await TestClient.ConnectAsync(mosquitto.Port);

        DeviceView? view = null;
        for (int i = 0; i < 400 && view is not { Reason: Reasons.CappedByGateway }; i++)
        {
            await sensor.PublishAsync(SensorTopic, "{\"value\": 21.5, \"rssi\": -61}"u8.ToArray());
            await Task.Delay(50);
            view = _verifier.Device(_sensorId);
        }
        stop.Cancel();
        await running;

        Assert.NotNull(view);
        Assert.Equal(DecisionMode.AdmitRestricted, view!.Mode);
        Assert.Equal(Reasons.CappedByGateway, view.Reason);
        Assert.True(gateway.MessagesObserved > 0);
        Assert.Equal(0, gateway.BadMessages);
        Assert.Null(_ledger.Verify());
    }
}
