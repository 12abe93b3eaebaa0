using System.Buffers;
using System.Net;
using AqNano.Protocol;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.EndToEnd;

/// <summary>The embedded broker with the real verifier core (FleetVerifier over an in-memory ledger):
/// what a board sees over MQTT, and what the ledger holds before the PUBACK.</summary>
public sealed class RealVerifierTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-e2e-").FullName;
    private readonly InMemoryLedger _ledger = new();
    private FleetVerifier _verifier = null!;
    private EmbeddedBroker _broker = null!;
    private int _port;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        _verifier = new FleetVerifier(new VerifierPolicy(), _ledger, TimeProvider.System);
        _port = FreePort.Next();
        _tlsPort = FreePort.Next();
        var certificate = LocalCertificateAuthority.LoadOrCreate(_folder, ["127.0.0.1"], out _, out _);
        _broker = new EmbeddedBroker(new EmbeddedBrokerOptions { Listen = IPAddress.Loopback, Port = _port, TlsPort = _tlsPort, TlsCertificate = certificate },
            _verifier, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _ledger.Dispose();
        Directory.Delete(_folder, true);
    }

    [Fact]
    public async Task An_honest_board_is_admitted_and_every_acknowledged_frame_is_already_in_the_ledger()
    {
        var board = new TestBoard(31);
        await using var device = await TestClient.ConnectAsync(_port);
        await device.SubscribeAsync(board.DecisionTopic);

        for (int i = 0; i < 4; i++)
        {
            byte[] frame = board.NextFrame();
            await device.PublishAsync(board.ObsTopic, frame);
            // The PUBACK has come back: the frame must be in the ledger already.
            Assert.Contains(_ledger.ReadDevice(board.DeviceId), e => e.Frame.AsSpan().SequenceEqual(frame));
        }

        var decision = await device.WaitForAsync(board.DecisionTopic, bytes => Decisions.Parse(bytes).Seq == 3);
        Assert.NotNull(decision);
        Assert.True(Decisions.Parse(decision!.Payload.ToArray()).Mode is DecisionMode.AdmitRestricted or DecisionMode.AdmitFull or DecisionMode.Deferred);
        Assert.Equal(device.Client.Options.ClientId, _broker.Rules.Owners.Owner(board.DeviceId)!.ClientId);
        Assert.Null(_ledger.Verify());
    }

    [Fact]
    public async Task A_clone_over_tls_is_quarantined_and_the_decision_says_clone_evidence()
    {
        var board = new TestBoard(32);
        await using var device = await TestClient.ConnectAsync(_tlsPort, tls: true);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        var clone = board.Clone(777);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await using var cloneConnection = await TestClient.ConnectAsync(_tlsPort, tls: true);

        await cloneConnection.PublishAsync(board.ObsTopic, clone.NextFrame());

        await _broker.FlushDecisionsAsync();
        await using var watcher = await TestClient.ConnectAsync(_port);
        await watcher.SubscribeAsync(board.DecisionTopic);
        var decision = await watcher.WaitForAsync(board.DecisionTopic, Decisions.WithMode(DecisionMode.Refused));
        Assert.NotNull(decision);
        Assert.Equal(Reasons.CloneEvidence, Decisions.Parse(decision!.Payload.ToArray()).Reason);
        Assert.Equal(Scopes.Observe, _verifier.GrantedScope(board.DeviceId));
        Assert.Equal(device.Client.Options.ClientId, _broker.Rules.Owners.Owner(board.DeviceId)!.ClientId);
    }

    [Fact]
    public async Task The_same_clone_over_plain_mqtt_is_only_monitored()
    {
        var board = new TestBoard(33);
        await using var device = await TestClient.ConnectAsync(_port);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        var clone = board.Clone(778);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await using var cloneConnection = await TestClient.ConnectAsync(_port);

        await cloneConnection.PublishAsync(board.ObsTopic, clone.NextFrame());

        var view = _verifier.Device(board.DeviceId)!;
        Assert.NotEqual(DecisionMode.Refused, view.Mode);
        Assert.True(view.Mode is DecisionMode.AdmitMonitored or DecisionMode.Deferred, $"mode {view.Mode}");
    }

    [Fact]
    public async Task Garbage_on_an_obs_topic_is_refused_and_changes_no_device()
    {
        var board = new TestBoard(34);
        await using var device = await TestClient.ConnectAsync(_port);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        var before = _verifier.Device(board.DeviceId);

        var ack = await device.PublishAsync(board.ObsTopic, [0x41, 0x51, 1, 2, 0]);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.Equal(before!.LastSeq, _verifier.Device(board.DeviceId)!.LastSeq);
        Assert.Equal(before.Mode, _verifier.Device(board.DeviceId)!.Mode);
    }
}
