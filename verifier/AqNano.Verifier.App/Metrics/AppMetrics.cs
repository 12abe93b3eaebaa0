using AqNano.Protocol;
using AqNano.Verifier.App.Broker;

namespace AqNano.Verifier.App.Metrics;

/// <summary>The counters behind /metrics (issue 6 item 6), in Prometheus text format 0.0.4.
/// Verification latency is receive-to-judgement, which includes the ledger append: the verifier
/// writes the ledger before Judge returns, so ledger lag is the last append's share of that path.</summary>
public sealed class AppMetrics
{
    private long _framesIn;
    private long _decisionsPublished;
    private long _lastLedgerLagTicks;
    private long _routerSessionChecks;
    private readonly long[] _decisionsByMode = new long[6];
    private readonly long[] _refusals = new long[Enum.GetValues<Refusal>().Length];

    public LatencyHistogram VerificationLatency { get; } = new();

    /// <summary>Worker mode only: owned partitions and what happened to other partitions' frames.</summary>
    public Workers.WorkerMetrics? Worker { get; set; }
    /// <summary>From a judgement's Decision queued to it retained on the embedded broker (and queued for
    /// its device's subscribers): the broker's share of "decisions on time" (docs/PERFORMANCE.md "Fleet
    /// load"). Longer bounds than judging: under load this queue, not the judgement, is what waits.</summary>
    public LatencyHistogram DecisionPublishDelay { get; } = new([0.001, 0.01, 0.1, 0.25, 1, 2.5, 5, 10, 30, 60]);

    public void FrameIn() => Interlocked.Increment(ref _framesIn);

    public void Judged(Judgement judgement, TimeSpan elapsed)
    {
        if ((int)judgement.Mode is >= 1 and <= 5) Interlocked.Increment(ref _decisionsByMode[(int)judgement.Mode]);
        VerificationLatency.Observe(elapsed);
        Interlocked.Exchange(ref _lastLedgerLagTicks, elapsed.Ticks);
    }

    public void DecisionPublished() => Interlocked.Increment(ref _decisionsPublished);

    public void Refused(Refusal refusal) => Interlocked.Increment(ref _refusals[(int)refusal]);

    /// <summary>One message matched against one session's filters by the embedded broker's router: what a
    /// device-topic message costs, which MQTTnet's own dispatch would multiply by every session (DeviceTopicRouter).</summary>
    public void RouterSessionChecked() => Interlocked.Increment(ref _routerSessionChecks);

    public long RouterSessionChecks => Interlocked.Read(ref _routerSessionChecks);

    public long FramesIn => Interlocked.Read(ref _framesIn);

    public long Refusals(Refusal refusal) => Interlocked.Read(ref _refusals[(int)refusal]);

    public void WriteTo(TextWriter writer)
    {
        writer.WriteLine("# HELP aqnano_frames_in_total Obs frames received by the verifier.");
        writer.WriteLine("# TYPE aqnano_frames_in_total counter");
        writer.WriteLine($"aqnano_frames_in_total {FramesIn}");
        writer.WriteLine("# HELP aqnano_decisions_total Judgements by the mode they left the device in.");
        writer.WriteLine("# TYPE aqnano_decisions_total counter");
        foreach (DecisionMode mode in Enum.GetValues<DecisionMode>())
        {
            writer.WriteLine($"aqnano_decisions_total{{mode=\"{mode}\"}} {Interlocked.Read(ref _decisionsByMode[(int)mode])}");
        }
        writer.WriteLine("# HELP aqnano_decision_frames_published_total Retained Decision frames published.");
        writer.WriteLine("# TYPE aqnano_decision_frames_published_total counter");
        writer.WriteLine($"aqnano_decision_frames_published_total {Interlocked.Read(ref _decisionsPublished)}");
        writer.WriteLine("# HELP aqnano_broker_refusals_total Publishes, subscriptions and deliveries the broker refused.");
        writer.WriteLine("# TYPE aqnano_broker_refusals_total counter");
        foreach (Refusal refusal in Enum.GetValues<Refusal>())
        {
            if (refusal != Refusal.None) writer.WriteLine($"aqnano_broker_refusals_total{{reason=\"{refusal}\"}} {Refusals(refusal)}");
        }
        writer.WriteLine("# HELP aqnano_router_session_checks_total Device-topic messages matched against one session's filters (embedded broker).");
        writer.WriteLine("# TYPE aqnano_router_session_checks_total counter");
        writer.WriteLine($"aqnano_router_session_checks_total {RouterSessionChecks}");
        VerificationLatency.WriteTo(writer, "aqnano_verification_latency_seconds", "Receive to judgement written to the ledger.");
        DecisionPublishDelay.WriteTo(writer, "aqnano_decision_publish_delay_seconds", "Decision queued to retained on the embedded broker.");
        writer.WriteLine("# HELP aqnano_ledger_lag_seconds Time from receive to durable ledger append for the last frame.");
        writer.WriteLine("# TYPE aqnano_ledger_lag_seconds gauge");
        writer.WriteLine(FormattableString.Invariant($"aqnano_ledger_lag_seconds {TimeSpan.FromTicks(Interlocked.Read(ref _lastLedgerLagTicks)).TotalSeconds}"));
        Worker?.WriteTo(writer);
    }
}
