using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>The time a Decision waits in the embedded broker's publish queue is measured, once per Decision
/// actually retained: the broker's share of "decisions on time" (docs/PERFORMANCE.md "Fleet load").</summary>
public sealed class DecisionPublishMetricsTests
{
    [Fact]
    public async Task Each_retained_decision_is_counted_in_the_publish_delay_histogram()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(31);
        await using var device = await broker.DeviceAsync();
        Assert.Equal(0, broker.Metrics.DecisionPublishDelay.Count);

        for (int n = 0; n < 3; n++) await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await broker.Broker.FlushDecisionsAsync();

        Assert.Equal(3, broker.Metrics.DecisionPublishDelay.Count);
        var text = new StringWriter();
        broker.Metrics.WriteTo(text);
        Assert.Contains("aqnano_decision_publish_delay_seconds_count 3", text.ToString());
        Assert.Contains("aqnano_decision_publish_delay_seconds_bucket{le=\"+Inf\"} 3", text.ToString());
    }
}
