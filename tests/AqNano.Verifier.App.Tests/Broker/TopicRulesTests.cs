using System.Buffers;
using AqNano.Protocol;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Tests.Support;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>Who may read obs, write decisions, and use app topics (DESIGN.md "Topics", issue 6 item 2).</summary>
public sealed class TopicRulesTests
{
    [Theory]
    [InlineData("aq/v1/dev/+/obs")]
    [InlineData("#")]
    [InlineData("aq/#")]
    [InlineData("aq/+/dev/+/obs")]
    [InlineData("+/v1/dev/+/+")]
    [InlineData("aq/v1/dev/0102030405060708/obs")]
    public async Task Nobody_but_the_verifier_subscribes_to_obs_topics(string filter)
    {
        await using var broker = await BrokerHarness.StartAsync();
        await using var device = await broker.DeviceAsync();
        await using var controller = await broker.ControllerAsync();

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync(filter));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await controller.SubscribeAsync(filter));
        Assert.Equal(2, broker.Metrics.Refusals(Refusal.ObservationSubscribeForbidden));
    }

    [Fact]
    public async Task Anyone_reads_decisions_but_nobody_publishes_them()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(7);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();
        await using var reader = await broker.DeviceAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await reader.SubscribeAsync(Topics.AllDecisions));
        Assert.NotNull(await reader.WaitForAsync(board.DecisionTopic));

        var forged = new byte[68];
        var byDevice = await device.PublishAsync(board.DecisionTopic, forged, retain: true);
        await using var controller = await broker.ControllerAsync();
        var byController = await controller.PublishAsync(board.DecisionTopic, forged, retain: true);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, byDevice.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, byController.ReasonCode);
        await using var late = await broker.DeviceAsync();
        await late.SubscribeAsync(board.DecisionTopic);
        var retained = await late.WaitForAsync(board.DecisionTopic);
        Assert.Equal(DecisionMode.AdmitRestricted, Decisions.Parse(retained!.Payload.ToArray()).Mode);
    }

    [Fact]
    public async Task Telemetry_flows_only_from_the_owner_within_its_grant_and_a_revocation_stops_it_at_once()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(8, Scopes.Observe | Scopes.Telemetry);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await using var controller = await broker.ControllerAsync();
        await controller.SubscribeAsync("aq/v1/dev/+/app/#");
        await using var stranger = await broker.DeviceAsync();

        var fromOwner = await device.PublishAsync(board.AppTopic("telemetry"), [1]);
        var fromStranger = await stranger.PublishAsync(board.AppTopic("telemetry"), [2]);
        Assert.Equal(MqttClientPublishReasonCode.Success, fromOwner.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, fromStranger.ReasonCode);
        Assert.NotNull(await controller.WaitForAsync(board.AppTopic("telemetry"), p => p[0] == 1));

        broker.Broker.Ingest.Publish(broker.Verifier.Revoke(board.DeviceId, "alice", "test"));
        var afterRevoke = await device.PublishAsync(board.AppTopic("telemetry"), [3]);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, afterRevoke.ReasonCode);
        await Task.Delay(100);
        Assert.DoesNotContain(controller.Received, m => m.Topic == board.AppTopic("telemetry") && m.Payload.FirstSpan[0] == 3);
    }

    [Fact]
    public async Task Commands_reach_a_device_only_while_it_owns_them_and_holds_the_scope()
    {
        await using var broker = await BrokerHarness.StartAsync();
        broker.Verifier.GrantableScope = Scopes.Observe | Scopes.Telemetry; // no Actuate yet
        var board = new TestBoard(9, Scopes.All);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync(board.AppTopic("actuate")));
        await using var controller = await broker.ControllerAsync();

        await controller.PublishAsync(board.AppTopic("actuate"), [1]);
        await Task.Delay(150);
        Assert.DoesNotContain(device.Received, m => m.Topic == board.AppTopic("actuate"));
        Assert.True(broker.Metrics.Refusals(Refusal.OutsideGrant) >= 1);

        broker.Verifier.Reinstate(board.DeviceId, "alice", "grant actuate");
        await controller.PublishAsync(board.AppTopic("actuate"), [2]);
        Assert.NotNull(await device.WaitForAsync(board.AppTopic("actuate"), p => p[0] == 2));

        var deviceSendsCommand = await device.PublishAsync(board.AppTopic("actuate"), [3]);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, deviceSendsCommand.ReasonCode);
    }

    [Fact]
    public async Task A_device_never_subscribes_to_another_devices_app_topics()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var mine = new TestBoard(10);
        var theirs = new TestBoard(11);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(mine.ObsTopic, mine.NextFrame());
        await using var other = await broker.DeviceAsync();
        await other.PublishAsync(theirs.ObsTopic, theirs.NextFrame());

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync(mine.AppTopic("config")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync(theirs.AppTopic("config")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("aq/v1/dev/+/app/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("aq/v1/dev/+/app/config"));
    }

    [Fact]
    public async Task Retained_app_traffic_unknown_channels_and_unknown_aq_topics_are_refused()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(12);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync(board.AppTopic("telemetry"), [1], retain: true)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync(board.AppTopic("shell"), [1])).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync("aq/v2/anything", [1])).ReasonCode);
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.RetainForbidden));
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.UnknownAppChannel));
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.UnknownTopic));
    }

    [Fact]
    public async Task A_wrong_controller_password_is_refused_at_connect()
    {
        await using var broker = await BrokerHarness.StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(broker.Port, user: EmbeddedBroker.ControllerUserName, password: "wrong"));
    }
}
