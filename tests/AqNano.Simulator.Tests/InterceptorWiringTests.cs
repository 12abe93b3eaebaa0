using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>How the verifier's end-to-end tests plug in: an interceptor in the in-memory broker's
/// publish path sees every frame with its connection label and path, and answers with Decisions
/// that reach the device's own Core. Here a minimal stand-in acknowledges every frame.</summary>
public sealed class InterceptorWiringTests
{
    [Fact]
    public void DecisionsPublishedFromTheInterceptorReachTheBoardsCore()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 9);
        AcknowledgingInterceptor verifierStandIn = new(broker);
        broker.Interceptor = verifierStandIn;
        ScenarioRun run = new(ScenarioCatalogue.Find("clone-confidential"), new RunOptions { Scheduler = scheduler, Broker = broker, DurationMinutes = 2 });
        run.Run();

        Assert.All(verifierStandIn.Seen, p => Assert.Equal(LinkPath.Confidential, p.Path));
        Assert.Equal(run.Devices.Select(d => d.ConnectionLabel).Order(), verifierStandIn.Seen.Select(p => p.ConnectionLabel).Distinct().Order());
        foreach (SimulatedBoard board in run.Devices)
        {
            var agent = ((CoreAgentProgram)board.Program!).Agent;
            Assert.True(agent.HasDecision, $"{board.Name} never took a Decision");
            Assert.Equal(DecisionMode.AdmitRestricted, agent.Mode);
            // The last Decision acknowledged the last or the one-before-last frame (one may be in flight).
            Assert.InRange(agent.AckedSeq, agent.LastSeq - 1, agent.LastSeq);
        }
    }

    [Fact]
    public void ARefusingInterceptorKeepsFramesFromEveryoneElse()
    {
        VirtualScheduler scheduler = new();
        InMemoryBroker broker = new(scheduler, 10) { Interceptor = new RefuseAll() };
        BrokerConnection eavesdropper = broker.Connect("ear", "ear", LinkPath.Open);
        int heard = 0;
        eavesdropper.OnMessage = (_, _) => heard++;
        eavesdropper.Subscribe(Topics.AllObservations);
        ScenarioRun run = new(ScenarioCatalogue.Find("honest-fleet"), new RunOptions { Scheduler = scheduler, Broker = broker, Devices = 2, DurationMinutes = 1 });
        run.Run();
        Assert.Equal(0, heard);
        Assert.True(broker.RefusedCount > 0);
    }

    private sealed class RefuseAll : IPublishInterceptor
    {
        public PublishDecision Intercept(InterceptedPublish publish) => PublishDecision.Refuse;
    }

    /// <summary>Answers every chain frame with a retained AdmitRestricted Decision acknowledging it.</summary>
    private sealed class AcknowledgingInterceptor(InMemoryBroker broker) : IPublishInterceptor
    {
        private readonly ChainMath _math = new(new HostHmacSha256());
        private readonly Frame _frame = new();

        public List<InterceptedPublish> Seen { get; } = new();

        public PublishDecision Intercept(InterceptedPublish publish)
        {
            if (Topics.Classify(publish.Topic, out ulong id) != TopicKind.Observation) return PublishDecision.Refuse;
            if (!FrameCodec.TryParse(publish.Payload, 0, publish.Payload.Length, _frame, out _) || _frame.DeviceId != id) return PublishDecision.Refuse;
            Seen.Add(publish);
            Frame decision = new()
            {
                Kind = FrameKind.Decision, DeviceId = id, Epoch = _frame.Epoch, Seq = _frame.Seq,
                UptimeUs = (ulong)publish.ReceivedUnixMs * 1000, Mode = DecisionMode.AdmitRestricted,
                Reason = Reasons.YoungEpoch, GrantedScope = Scopes.Observe | Scopes.Telemetry,
            };
            _math.FrameDigest(publish.Payload, 0, publish.Payload.Length - 32, decision.AckFrameDigest, 0);
            byte[] bytes = new byte[decision.EncodedLength];
            FrameCodec.Write(decision, bytes, 0);
            broker.PublishAsServer(Topics.Decision(id), bytes, retain: true);
            return PublishDecision.Forward;
        }
    }
}
