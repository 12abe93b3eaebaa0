using System.Buffers;
using AqNano.Protocol;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Tests.Support;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>The embedded broker delivers device topics itself (DeviceTopicRouter): a message costs its own
/// device's subscribers and the wide ones, not the fleet (docs/PERFORMANCE.md "Fleet load"), with MQTT's
/// retained, unsubscribe and clean-start behaviour kept, over real MQTTnet clients.</summary>
public sealed class DeviceTopicRouterTests
{
    [Fact]
    public async Task A_decision_is_matched_against_its_own_devices_subscribers_and_the_wide_ones_only()
    {
        await using var broker = await BrokerHarness.StartAsync();
        const int fleet = 60;
        var boards = Enumerable.Range(0, fleet).Select(i => new TestBoard(400 + i)).ToArray();
        var clients = new List<TestClient>();
        try
        {
            foreach (var board in boards)
            {
                var client = await broker.DeviceAsync();
                clients.Add(client);
                Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeAsync(board.DecisionTopic));
                await client.PublishAsync(board.ObsTopic, board.NextFrame());
            }
            await using var controller = await broker.ControllerAsync();
            await controller.SubscribeAsync(Topics.AllDecisions);
            await broker.Broker.FlushDecisionsAsync();
            long before = broker.Metrics.RouterSessionChecks;

            for (int n = 0; n < 5; n++) await clients[0].PublishAsync(boards[0].ObsTopic, boards[0].NextFrame());
            await broker.Broker.FlushDecisionsAsync();

            // Five Decisions, each checked against board 0's session and the controller's: 10, with 61 sessions subscribed.
            Assert.Equal(10, broker.Metrics.RouterSessionChecks - before);
            Assert.NotNull(await clients[0].WaitForAsync(boards[0].DecisionTopic, p => Decisions.Parse(p).Seq == 5));
            Assert.DoesNotContain(clients[1].Received, m => m.Topic == boards[0].DecisionTopic);
            Assert.NotNull(await controller.WaitForAsync(boards[0].DecisionTopic, p => Decisions.Parse(p).Seq == 5));
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_late_wide_subscriber_gets_every_retained_decision_flagged_retained_then_live_ones_unflagged()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var boards = new[] { new TestBoard(501), new TestBoard(502), new TestBoard(503) };
        await using var device = await broker.DeviceAsync();
        foreach (var board in boards) await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();

        await using var controller = await broker.ControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync(Topics.AllDecisions));
        foreach (var board in boards)
        {
            var retained = await controller.WaitForAsync(board.DecisionTopic);
            Assert.NotNull(retained);
            Assert.True(retained!.Retain, "a retained Decision sent for a new subscription carries the retain flag (MQTT 3.1.1 3.3.1.3)");
        }

        await device.PublishAsync(boards[1].ObsTopic, boards[1].NextFrame());
        var live = await controller.WaitForAsync(boards[1].DecisionTopic, p => Decisions.Parse(p).Seq == 1);
        Assert.NotNull(live);
        Assert.False(live!.Retain, "a Decision delivered to an existing subscription is not flagged retained");
        Assert.Equal(3, controller.Received.Count(m => m.Retain));
    }

    [Fact]
    public async Task Retain_handling_and_retain_as_published_are_kept()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(541);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();
        await using var quiet = await broker.DeviceAsync();
        await using var asPublished = await broker.DeviceAsync();

        await quiet.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(board.DecisionTopic, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, false, false, MQTTnet.Protocol.MqttRetainHandling.DoNotSendOnSubscribe).Build());
        await asPublished.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(board.DecisionTopic, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, false, true, MQTTnet.Protocol.MqttRetainHandling.SendAtSubscribe).Build());
        Assert.NotNull(await asPublished.WaitForAsync(board.DecisionTopic, p => Decisions.Parse(p).Seq == 0));
        await device.PublishAsync(board.ObsTopic, board.NextFrame());

        var live = await asPublished.WaitForAsync(board.DecisionTopic, p => Decisions.Parse(p).Seq == 1);
        Assert.True(live!.Retain, "retain-as-published shows a Decision's retain flag (MQTT 5.0 3.3.1.3)");
        Assert.NotNull(await quiet.WaitForAsync(board.DecisionTopic, p => Decisions.Parse(p).Seq == 1));
        Assert.DoesNotContain(quiet.Received, m => Decisions.Parse(m.Payload.ToArray()).Seq == 0);
    }

    [Fact]
    public async Task An_unsubscribed_session_receives_nothing_more()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(511);
        await using var device = await broker.DeviceAsync();
        await using var reader = await broker.DeviceAsync();
        await reader.SubscribeAsync(board.DecisionTopic);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        Assert.NotNull(await reader.WaitForAsync(board.DecisionTopic));

        await reader.Client.UnsubscribeAsync(board.DecisionTopic);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();
        await Task.Delay(150);

        Assert.DoesNotContain(reader.Received, m => Decisions.Parse(m.Payload.ToArray()).Seq == 1);
    }

    [Fact]
    public async Task A_clean_start_under_the_same_client_id_leaves_the_old_subscriptions_behind()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(521);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await using var first = await broker.DeviceAsync("reader-521");
        await first.SubscribeAsync(board.DecisionTopic);
        Assert.NotNull(await first.WaitForAsync(board.DecisionTopic));

        Assert.Equal(1, broker.Broker.Router.Sessions);
        await using var second = await broker.DeviceAsync("reader-521");
        Assert.False(second.SessionPresent);
        // MQTTnet disposed the replaced session without a SessionDeleted event: the router forgets it on the new
        // connection's connected event, which MQTTnet raises just after sending the CONNACK (hence the bounded wait).
        Assert.True(SpinWait.SpinUntil(() => broker.Broker.Router.Sessions == 0, TimeSpan.FromSeconds(5)), "the replaced session is still filed");
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();
        await Task.Delay(150);
        Assert.Empty(second.Received);

        await second.SubscribeAsync(board.DecisionTopic);
        var retained = await second.WaitForAsync(board.DecisionTopic);
        Assert.Equal(1u, Decisions.Parse(retained!.Payload.ToArray()).Seq);
    }

    [Fact]
    public async Task A_command_reaches_the_owner_that_subscribed_and_a_command_nobody_reads_says_so()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(531, Scopes.All);
        var quiet = new TestBoard(532, Scopes.All);
        await using var device = await broker.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await device.PublishAsync(quiet.ObsTopic, quiet.NextFrame());
        broker.Verifier.Reinstate(board.DeviceId, "alice", "grant everything");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync(board.AppTopic("actuate")));
        await using var controller = await broker.ControllerAsync();

        var read = await controller.PublishAsync(board.AppTopic("actuate"), [9]);
        var unread = await controller.PublishAsync(quiet.AppTopic("actuate"), [9]);

        Assert.Equal(MqttClientPublishReasonCode.Success, read.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, unread.ReasonCode);
        Assert.NotNull(await device.WaitForAsync(board.AppTopic("actuate"), p => p.SequenceEqual(new byte[] { 9 })));
    }

    [Theory]
    [InlineData("aq/v1/dev/0102030405060708/decision", DeviceTopicFilter.Reach.OneDevice)]
    [InlineData("aq/+/dev/0102030405060708/#", DeviceTopicFilter.Reach.OneDevice)]
    [InlineData("aq/v1/dev/+/decision", DeviceTopicFilter.Reach.AnyDevice)]
    [InlineData("aq/v1/#", DeviceTopicFilter.Reach.AnyDevice)]
    [InlineData("#", DeviceTopicFilter.Reach.AnyDevice)]
    [InlineData("+/+/+/+/app/actuate", DeviceTopicFilter.Reach.AnyDevice)]
    [InlineData("aq/v1/dev/0102030405060708", DeviceTopicFilter.Reach.None)]
    [InlineData("aq/v1/dev/0102030405060G08/decision", DeviceTopicFilter.Reach.None)]
    [InlineData("aq/v1/dev/0102030405060A08/decision", DeviceTopicFilter.Reach.None)]
    [InlineData("aq/v2/dev/+/decision", DeviceTopicFilter.Reach.None)]
    [InlineData("sensors/#", DeviceTopicFilter.Reach.None)]
    public void A_filter_is_filed_under_the_devices_it_can_reach(string filter, DeviceTopicFilter.Reach reach)
    {
        Assert.Equal(reach, DeviceTopicFilter.Classify(filter, out ulong id));
        if (reach == DeviceTopicFilter.Reach.OneDevice) Assert.Equal("0102030405060708", Hex.FromWire(id));
    }
}
