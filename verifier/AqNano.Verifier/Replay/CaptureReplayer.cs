using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Replay;

/// <summary>Offline replay (issue 5, item 7): judges a capture line by line with a verifier whose clock follows
/// the capture's t, and writes one JSON line per frame judged. Time-driven rules run as the capture's time
/// passes (Tick at most once per capture second). A bad line is reported with its number and skipped.</summary>
public sealed class CaptureReplayer(VerifierPolicy policy, ILedger ledger, IDeviceStateStore? store = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public ReplaySummary Run(TextReader capture, TextWriter output, TextWriter errors)
    {
        CaptureClock? clock = null;
        FleetVerifier? verifier = null;
        long lastTickMs = long.MinValue;
        int lines = 0, judged = 0, bad = 0;
        for (string? text = capture.ReadLine(); text != null; text = capture.ReadLine())
        {
            lines++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!CaptureLine.TryParse(text, out CaptureLine? line, out string error))
            {
                bad++;
                errors.WriteLine(JsonSerializer.Serialize(new { line = lines, error }, Json));
                continue;
            }
            if (clock == null)
            {
                clock = new CaptureClock(line!.UnixMs);
                verifier = new FleetVerifier(policy, ledger, clock, store, "replay");
            }
            clock.Set(Math.Max(clock.NowUnixMs, line!.UnixMs));
            if (clock.NowUnixMs - lastTickMs >= 1000)
            {
                verifier!.Tick();
                lastTickMs = clock.NowUnixMs;
            }
            Judgement judgement = verifier!.Judge(new InboundFrame(line.Topic, line.Frame, clock.NowUnixMs, line.Connection, line.Path));
            judged++;
            output.WriteLine(Format(judgement));
        }
        return new ReplaySummary(lines, judged, bad);
    }

    public static string Format(Judgement judgement) => JsonSerializer.Serialize(new
    {
        device = Hex.FromWire(judgement.DeviceId),
        epoch = Hex.FromWire(judgement.Epoch),
        seq = judgement.Seq,
        verdict = LedgerRecorder.VerdictName(judgement.Verdict),
        mode = judgement.Mode.ToString(),
        reason = judgement.Reason,
        reasonName = ReasonNames.Of(judgement.Reason),
        grantedScope = judgement.GrantedScope,
        decision = judgement.DecisionFrame == null ? null : Convert.ToHexStringLower(judgement.DecisionFrame),
        explanation = judgement.Explanation,
    }, Json);
}
