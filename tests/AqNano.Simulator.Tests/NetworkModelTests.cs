using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

public sealed class NetworkModelTests
{
    private static byte[] Payload(int n) => BitConverter.GetBytes(n);

    [Fact]
    public void PublishLossMatchesItsProbabilityAndLostPublishesReachNobody()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 1);
        BrokerConnection sender = broker.Connect("s", "s", LinkPath.Open, new LinkConditions { PublishLossProbability = 0.1 });
        BrokerConnection receiver = broker.Connect("r", "r", LinkPath.Open);
        int received = 0;
        receiver.OnMessage = (_, _) => received++;
        receiver.Subscribe("t");
        int acknowledged = 0;
        for (int i = 0; i < 20_000; i++) if (sender.Publish("t", Payload(i), 0, 4, false)) acknowledged++;
        scheduler.RunUntil(1_000_000);
        // Binomial(20000, 0.9): sd 42; 5 sigma.
        Assert.InRange(acknowledged, 18_000 - 212, 18_000 + 212);
        Assert.Equal(acknowledged, received);
        Assert.Equal(20_000 - acknowledged, sender.PublishLostCount);
    }

    [Fact]
    public void LostPubackMeansDeliveredButNotAcknowledgedSoAResendIsAQos1Duplicate()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 2);
        BrokerConnection sender = broker.Connect("s", "s", LinkPath.Open, new LinkConditions { AckLossProbability = 0.5 });
        BrokerConnection receiver = broker.Connect("r", "r", LinkPath.Open);
        List<int> received = new();
        receiver.OnMessage = (_, m) => received.Add(BitConverter.ToInt32(m.Payload));
        receiver.Subscribe("t");
        for (int i = 0; i < 200; i++)
        {
            while (!sender.Publish("t", Payload(i), 0, 4, false)) { }
        }
        scheduler.RunUntil(1_000_000);
        // At least once: every message arrives, in order, some more than once.
        Assert.Equal(Enumerable.Range(0, 200), received.Distinct());
        Assert.True(received.Count > 200);
        Assert.Equal(received.OrderBy(x => x), received);
    }

    [Fact]
    public void RandomDelaysNeverReorderOneConnectionButDoInterleaveTwo()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 3);
        LinkConditions jittery = new() { UplinkDelay = new DelayDistribution(1, 20, 1.2) };
        BrokerConnection a = broker.Connect("a", "a", LinkPath.Open, jittery);
        BrokerConnection b = broker.Connect("b", "b", LinkPath.Open, jittery);
        List<(string From, int N)> arrivals = new();
        broker.Arrived += (p, _) => arrivals.Add((p.ConnectionLabel, BitConverter.ToInt32(p.Payload)));
        for (int i = 0; i < 500; i++)
        {
            int n = i;
            scheduler.At(i * 20_000L, () => { a.Publish("t", Payload(n), 0, 4, false); b.Publish("t", Payload(n), 0, 4, false); });
        }
        scheduler.RunUntil(60_000_000);
        int[] fromA = arrivals.Where(x => x.From == "a").Select(x => x.N).ToArray();
        int[] fromB = arrivals.Where(x => x.From == "b").Select(x => x.N).ToArray();
        Assert.Equal(Enumerable.Range(0, 500), fromA);
        Assert.Equal(Enumerable.Range(0, 500), fromB);
        // Across connections the broker sees a different order than the send order somewhere.
        int overtakes = 0;
        for (int i = 1; i < arrivals.Count; i++) if (arrivals[i].N < arrivals[i - 1].N) overtakes++;
        Assert.True(overtakes > 10, $"only {overtakes} overtakes");
    }

    [Fact]
    public void OutageDisconnectsAndHoldsDeliveriesUntilTheNetworkIsBack()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 4);
        BrokerConnection device = broker.Connect("d", "d", LinkPath.Confidential,
            new LinkConditions { Outages = new[] { new OutageWindow(10_000_000, 20_000_000) } });
        BrokerConnection server = broker.Connect("v", "v", LinkPath.Confidential);
        device.Subscribe("down");
        List<long> deliveredAt = new();
        device.OnMessage = (_, _) => deliveredAt.Add(scheduler.NowUs);
        bool publishedDuringOutage = true;
        scheduler.At(15_000_000, () =>
        {
            Assert.False(device.IsConnected);
            publishedDuringOutage = device.Publish("up", Payload(1), 0, 4, false);
            server.Publish("down", Payload(2), 0, 4, false);
        });
        scheduler.RunUntil(30_000_000);
        Assert.False(publishedDuringOutage);
        Assert.Equal(new long[] { 20_000_000 }, deliveredAt);
        Assert.True(device.IsConnected);
    }

    [Fact]
    public void RetainedMessageReachesLaterSubscribersAndEmptyPayloadClearsIt()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 5);
        broker.PublishAsServer("aq/v1/dev/x/decision", new byte[] { 1, 2 }, retain: true);
        BrokerConnection late = broker.Connect("l", "l", LinkPath.Open);
        List<ReceivedMessage> got = new();
        late.OnMessage = (_, m) => got.Add(m);
        late.Subscribe("aq/v1/dev/+/decision");
        Assert.Single(got);
        Assert.True(got[0].Retained);
        broker.PublishAsServer("aq/v1/dev/x/decision", Array.Empty<byte>(), retain: true);
        Assert.Equal(0, broker.RetainedCount);
    }

    [Fact]
    public void InterceptorRefusalDeliversToNobodyAndIsCounted()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 6) { Interceptor = new RefuseTopic("forbidden") };
        BrokerConnection sender = broker.Connect("s", "s", LinkPath.Open);
        BrokerConnection receiver = broker.Connect("r", "r", LinkPath.Open);
        List<string> got = new();
        receiver.OnMessage = (_, m) => got.Add(m.Topic);
        receiver.Subscribe("#");
        Assert.True(sender.Publish("forbidden", Payload(1), 0, 4, true));
        Assert.True(sender.Publish("allowed", Payload(2), 0, 4, false));
        scheduler.RunUntil(1);
        Assert.Equal(new[] { "allowed" }, got);
        Assert.Equal(1, broker.RefusedCount);
        Assert.False(broker.TryGetRetained("forbidden", out _));
    }

    [Fact]
    public void ClientIdTakeoverClosesTheOlderSession()
    {
        InMemoryBroker broker = new(new VirtualScheduler(), 7);
        BrokerConnection first = broker.Connect("one", "same-id", LinkPath.Open);
        BrokerConnection second = broker.Connect("two", "same-id", LinkPath.Open);
        Assert.False(first.IsConnected);
        Assert.True(second.IsConnected);
    }

    [Theory]
    [InlineData("aq/v1/dev/+/obs", "aq/v1/dev/0011223344556677/obs", true)]
    [InlineData("aq/v1/dev/+/obs", "aq/v1/dev/0011223344556677/decision", false)]
    [InlineData("aq/v1/dev/#", "aq/v1/dev/0011223344556677/app/telemetry", true)]
    [InlineData("aq/v1/#", "aq/v1", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("aq/+", "aq/v1/dev", false)]
    public void TopicFiltersMatchAsMqttSays(string filter, string topic, bool matches) =>
        Assert.Equal(matches, TopicFilter.Matches(filter, topic));

    private sealed class RefuseTopic(string topic) : IPublishInterceptor
    {
        public PublishDecision Intercept(InterceptedPublish publish) =>
            publish.Topic == topic ? PublishDecision.Refuse : PublishDecision.Forward;
    }
}
