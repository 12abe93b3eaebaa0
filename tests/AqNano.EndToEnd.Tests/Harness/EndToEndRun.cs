using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;
using AqNano.Verifier;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>One scenario of the simulator's catalogue run against the real verifier core in one process:
/// boards -> in-memory broker -> <see cref="VerifierInterceptor"/> -> FleetVerifier -> ledger, all on one
/// virtual clock. The simulator and the verifier know nothing of each other; this class wires them.</summary>
public sealed class EndToEndRun
{
    private readonly List<JudgedPublish> _judged = new();
    private readonly List<PublishedDecision> _decisions = new();
    private readonly Dictionary<string, (long Forwarded, long Refused)> _bySender = new(StringComparer.Ordinal);
    private readonly long _tickPeriodUs;

    /// <param name="keepLog">Keep every judged publish and Decision in memory (small runs); large fleets count instead.</param>
    /// <param name="tickPeriod">How often, in virtual time, IVerifier.Tick runs (default one second).</param>
    public EndToEndRun(ScenarioDefinition definition, RunOptions? overrides = null, ILedger? ledger = null, bool keepLog = true,
                       TimeSpan? tickPeriod = null, CaptureWriter? capture = null)
    {
        overrides ??= new RunOptions();
        Scheduler = new VirtualScheduler();
        Broker = new InMemoryBroker(Scheduler, overrides.Seed ?? definition.Seed);
        Run = new ScenarioRun(definition, overrides with { Scheduler = Scheduler, Broker = Broker, Uplinks = null });
        Clock = new VirtualTimeProvider(Scheduler);
        Policy = PolicyFor(Run);
        Ledger = ledger ?? new InMemoryLedger();
        Verifier = new FleetVerifier(Policy, Ledger, Clock, store: null, policySource: "end-to-end " + definition.Name);
        Interceptor = new VerifierInterceptor(Broker, Verifier);
        Broker.Interceptor = Interceptor;
        if (capture != null) BrokerCapture.Attach(Broker, capture);
        Broker.Arrived += CountSender;
        if (keepLog)
        {
            Interceptor.Judged += _judged.Add;
            Interceptor.DecisionPublished += (id, frame) => _decisions.Add(Decode(Scheduler.NowUs, frame));
        }
        _tickPeriodUs = (long)(tickPeriod ?? TimeSpan.FromSeconds(1)).TotalMicroseconds;
        ScheduleTick(_tickPeriodUs);
    }

    public VirtualScheduler Scheduler { get; }
    public InMemoryBroker Broker { get; }
    public ScenarioRun Run { get; }
    public VirtualTimeProvider Clock { get; }
    public VerifierPolicy Policy { get; }
    public ILedger Ledger { get; }
    public FleetVerifier Verifier { get; }
    public VerifierInterceptor Interceptor { get; }
    public IReadOnlyList<JudgedPublish> Judged => _judged;
    public IReadOnlyList<PublishedDecision> Decisions => _decisions;
    public ScenarioReport? Report { get; private set; }

    /// <summary>The ledger's verification right after the run (issue 5: "the ledger verifies after every run").</summary>
    public LedgerVerification? Verification { get; private set; }

    /// <summary>Runs the scenario to its end, then recomputes the whole ledger: every run must leave it verifiable.</summary>
    public ScenarioReport Execute()
    {
        Report = Run.Run();
        Verification = LedgerVerifier.Verify(Ledger);
        Assert.True(Verification.Verified, $"{Run.Definition.Name}: the ledger does not verify: {Verification.Problem}");
        return Report;
    }

    /// <summary>Publishes of a sender (a board name, or an attacker's label) forwarded and refused at the broker.</summary>
    public (long Forwarded, long Refused) BrokerCounts(RoleMembers members)
    {
        long forwarded = 0, refused = 0;
        foreach ((string label, (long f, long r)) in _bySender)
        {
            if (!members.Sent(label)) continue;
            forwarded += f;
            refused += r;
        }
        return (forwarded, refused);
    }

    public IEnumerable<JudgedPublish> JudgedFor(ulong deviceId) => _judged.Where(j => j.Judgement.DeviceId == deviceId);

    public IEnumerable<PublishedDecision> DecisionsFor(ulong deviceId) => _decisions.Where(d => d.DeviceId == deviceId);

    /// <summary>The default policy with the run's cadence as the zone's profile interval (used until the device's
    /// own interval is measured) and the scenario's registered gateways as witnesses (DESIGN.md "Witnesses").</summary>
    private static VerifierPolicy PolicyFor(ScenarioRun run)
    {
        var policy = new VerifierPolicy();
        policy.Zones[policy.DefaultZone].Profile.IntervalMs = (int)(run.IntervalSeconds * 1000);
        foreach (string name in run.Definition.RegisteredWitnesses)
        {
            var gateway = run.Gateways.Single(g => g.Name == name);
            policy.Witnesses.Add(Hex.FromWire(run.DeviceIdOf(gateway)));
        }
        // The operator registers each retrofit pair (docs/ADOPTION.md "Gateway-mediated retrofit" "Set it up").
        foreach (var proxied in run.Proxied)
        {
            policy.Proxied[Hex.FromWire(proxied.DeviceId)] = Hex.FromWire(run.DeviceIdOf(proxied.Gateway));
        }
        return policy;
    }

    private void ScheduleTick(long atUs) => Scheduler.At(atUs, () =>
    {
        Interceptor.Tick();
        ScheduleTick(atUs + _tickPeriodUs);
    });

    private void CountSender(InterceptedPublish publish, PublishDecision decision)
    {
        (long f, long r) = _bySender.GetValueOrDefault(publish.ConnectionLabel);
        _bySender[publish.ConnectionLabel] = decision == PublishDecision.Forward ? (f + 1, r) : (f, r + 1);
    }

    private static PublishedDecision Decode(long timeUs, byte[] bytes)
    {
        var frame = new Frame();
        if (!FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out FrameRejection rejection) || frame.Kind != FrameKind.Decision)
        {
            throw new InvalidOperationException($"the verifier published a Decision that does not parse: {rejection}");
        }
        return new PublishedDecision(timeUs, frame.DeviceId, frame.Epoch, frame.Seq, frame.Mode, frame.Reason, frame.GrantedScope);
    }
}
