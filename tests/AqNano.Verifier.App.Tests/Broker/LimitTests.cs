using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Tests.Support;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>The embedded broker's limits (issue 7 item 5), with real MQTTnet clients: over-limit
/// traffic is refused before the verifier, counted in /metrics, and honest devices are unaffected.
/// Rates are chosen so that no token refills within a test's lifetime (0.01/s: one per 100 s), so the
/// counts are exact whatever the machine's speed.</summary>
public sealed class LimitTests
{
    private static bool Accepted(MqttClientPublishResult result) =>
        result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;

    [Fact]
    public async Task An_oversize_payload_is_refused_before_the_verifier_and_counted()
    {
        await using var broker = await BrokerHarness.StartAsync(new BrokerLimits { MaxPayloadBytes = 1024 });
        var board = new TestBoard(40);
        await using var device = await broker.DeviceAsync();
        Assert.True(Accepted(await device.PublishAsync(board.ObsTopic, board.NextFrame())));
        int judged = broker.Verifier.Received.Count;

        var oversize = await device.PublishAsync(board.ObsTopic, new byte[1025]);
        var oversizeTelemetry = await device.PublishAsync(board.AppTopic("telemetry"), new byte[1_000_000]);

        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, oversize.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, oversizeTelemetry.ReasonCode);
        Assert.Equal(judged, broker.Verifier.Received.Count);
        Assert.Equal(2, broker.Metrics.Refusals(Refusal.PayloadTooLarge));
        Assert.True(Accepted(await device.PublishAsync(board.ObsTopic, board.NextFrame())));
        Assert.Equal(judged + 1, broker.Verifier.Received.Count);
    }

    [Fact]
    public async Task A_flooding_client_is_refused_beyond_its_burst_and_an_honest_device_is_unaffected()
    {
        await using var broker = await BrokerHarness.StartAsync(new BrokerLimits { PublishesPerSecond = 0.01, PublishBurst = 5 });
        var flooder = new TestBoard(41);
        var honest = new TestBoard(42);
        await using var flooding = await broker.DeviceAsync();
        await using var device = await broker.DeviceAsync();

        var results = new List<MqttClientPublishResult>();
        for (int i = 0; i < 20; i++) results.Add(await flooding.PublishAsync(flooder.ObsTopic, flooder.NextFrame()));
        var honestResults = new List<MqttClientPublishResult>();
        for (int i = 0; i < 3; i++) honestResults.Add(await device.PublishAsync(honest.ObsTopic, honest.NextFrame()));

        Assert.All(results.Take(5), r => Assert.True(Accepted(r), r.ReasonCode.ToString()));
        Assert.All(results.Skip(5), r => Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, r.ReasonCode));
        Assert.All(honestResults, r => Assert.True(Accepted(r), r.ReasonCode.ToString()));
        Assert.Equal(15, broker.Metrics.Refusals(Refusal.RateExceeded));
        Assert.Equal(5, broker.Verifier.Received.Count(f => f.Topic == flooder.ObsTopic));
        Assert.Equal(3, broker.Verifier.Received.Count(f => f.Topic == honest.ObsTopic));
        var metrics = new StringWriter();
        broker.Metrics.WriteTo(metrics);
        Assert.Contains("aqnano_broker_refusals_total{reason=\"RateExceeded\"} 15", metrics.ToString());
    }

    [Fact]
    public async Task The_controller_is_not_rate_limited()
    {
        await using var broker = await BrokerHarness.StartAsync(new BrokerLimits { PublishesPerSecond = 0.01, PublishBurst = 1 });
        await using var controller = await broker.ControllerAsync();
        var board = new TestBoard(43);
        for (int i = 0; i < 5; i++) await controller.PublishAsync(board.AppTopic("config"), [1]);
        Assert.Equal(0, broker.Metrics.Refusals(Refusal.RateExceeded));
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_a_freed_slot_is_taken_again()
    {
        await using var broker = await BrokerHarness.StartAsync(new BrokerLimits { MaxConnections = 2 });
        await using var first = await broker.DeviceAsync();
        var second = await broker.DeviceAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => broker.DeviceAsync());
        Assert.Contains("QuotaExceeded", refused.ToString());
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.ConnectionLimit));
        Assert.True(first.Client.IsConnected);

        await second.DisposeAsync();
        for (int i = 0; i < 100 && broker.Broker.ConnectionCount >= 2; i++) await Task.Delay(20);
        await using var third = await broker.DeviceAsync();
        Assert.True(third.Client.IsConnected);
    }

    [Fact]
    public void Unusable_limits_are_named()
    {
        Assert.Null(new BrokerLimits().Problem());
        Assert.Contains("184", new BrokerLimits { MaxPayloadBytes = 100 }.Problem());
        Assert.Contains("rate", new BrokerLimits { PublishesPerSecond = 0 }.Problem());
        Assert.Contains("burst", new BrokerLimits { PublishBurst = 0 }.Problem());
        Assert.Contains("connection", new BrokerLimits { MaxConnections = 0 }.Problem());
    }

    [Fact]
    public async Task Retained_topics_outside_aq_are_bounded_and_an_honest_device_is_unaffected()
    {
        await using var broker = await BrokerHarness.StartAsync(new BrokerLimits { MaxRetainedTopics = 2 });
        var board = new TestBoard(46);
        await using var client = await broker.DeviceAsync();

        var first = await client.PublishAsync("plant/1/state", [1], retain: true);
        var second = await client.PublishAsync("plant/2/state", [1], retain: true);
        var third = await client.PublishAsync("plant/3/state", [1], retain: true);
        var replaced = await client.PublishAsync("plant/1/state", [2], retain: true);
        var notRetained = await client.PublishAsync("plant/4/state", [1]);

        Assert.True(Accepted(first) && Accepted(second) && Accepted(replaced) && Accepted(notRetained));
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, third.ReasonCode);
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.RetainedLimit));
        // An empty retained payload clears its topic (MQTT 3.1.1 3.3.1.3) and frees its place.
        Assert.True(Accepted(await client.PublishAsync("plant/2/state", [], retain: true)));
        Assert.True(Accepted(await client.PublishAsync("plant/3/state", [1], retain: true)));
        await using var reader = await broker.DeviceAsync();
        await reader.SubscribeAsync("plant/#");
        Assert.NotNull(await reader.WaitForAsync("plant/3/state"));
        Assert.True(Accepted(await client.PublishAsync(board.ObsTopic, board.NextFrame())));
    }
}
