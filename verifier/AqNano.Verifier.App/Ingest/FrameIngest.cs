using System.Diagnostics;
using AqNano.Protocol;
using AqNano.Verifier.App.Metrics;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Ingest;

/// <summary>The one path from a received obs frame to the verifier and back out, shared by the
/// embedded broker and the external-broker client: judge (the ledger is written inside), count,
/// log one structured line, and queue the Decision for the device's retained topic.</summary>
public sealed class FrameIngest(IVerifier verifier, IDecisionSink decisions, AppMetrics metrics, TimeProvider clock, ILogger logger)
{
    public IVerifier Verifier { get; } = verifier;

    /// <param name="certificate">The delivering connection's client certificate as evidence, if it presented one.</param>
    public Judgement Judge(string topic, ReadOnlyMemory<byte> payload, string connection, PathMode path, Evidence.CertificateEvidence? certificate = null)
    {
        long started = Stopwatch.GetTimestamp();
        metrics.FrameIn();
        var frame = new InboundFrame(topic, payload, clock.GetUtcNow().ToUnixTimeMilliseconds(), connection, path) { Certificate = certificate };
        Judgement judgement = Verifier.Judge(frame);
        metrics.Judged(judgement, Stopwatch.GetElapsedTime(started));
        // Every frame is in the ledger already; the log line is for people: routine links at Debug.
        var level = judgement.Verdict is Verdict.Next or Verdict.Duplicate ? LogLevel.Debug : LogLevel.Information;
        logger.Log(level, "judged {Device} epoch {Epoch} seq {Seq} from {Connection} ({Path}): {Verdict} -> {Mode} reason {Reason} scope 0x{Scope:x2}: {Explanation}",
            Hex.FromWire(judgement.DeviceId), Hex.FromWire(judgement.Epoch), judgement.Seq, connection, path,
            judgement.Verdict, judgement.Mode, judgement.Reason, judgement.GrantedScope, judgement.Explanation);
        Publish(judgement);
        return judgement;
    }

    /// <summary>Publishes a judgement's Decision, if it carries one (also for operator actions and timer rules).</summary>
    public void Publish(Judgement? judgement)
    {
        if (judgement?.DecisionFrame is { } decision)
        {
            decisions.Publish(judgement.DeviceId, decision);
            metrics.DecisionPublished();
        }
    }
}
