using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Actuation;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier.Lineage;

/// <summary>Writes the verifier's records with the kinds and camelCase Detail fields the lineage export and
/// report read (docs/VERIFIER.md "Ledger records"). Detail holds digests, never a reveal; the raw frame goes
/// in LedgerEntry.Frame, where the export withholds reveals still in the ring. One lock: the ledger is one chain.</summary>
public sealed class LedgerRecorder(ILedger ledger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly object _gate = new();

    public ILedger Ledger => ledger;

    public void Frame(long timeMs, ulong deviceId, ReadOnlySpan<byte> frame, Verdict verdict, ulong epoch, uint seq, byte[] digest, string connection, PathMode path) =>
        Append(timeMs, "frame", deviceId, frame, new
        {
            verdict = VerdictName(verdict), epoch = Hex.FromWire(epoch), seq, digest = Convert.ToHexStringLower(digest),
            connection, path = PathName(path),
        });

    public void Refusal(long timeMs, ulong deviceId, ReadOnlySpan<byte> frame, Verdict verdict, byte reason, ulong epoch, uint seq, string connection, PathMode path, string explanation) =>
        Append(timeMs, "refusal", deviceId, frame, new
        {
            verdict = VerdictName(verdict), reason, reasonName = ReasonNames.Of(reason), epoch = Hex.FromWire(epoch), seq,
            connection, path = PathName(path), explanation,
        });

    public void RefusalCount(long timeMs, string source, long suppressed) =>
        Append(timeMs, "refusal-count", 0, ReadOnlySpan<byte>.Empty, new { source, suppressed });

    public void Decision(long timeMs, Judgement judgement, bool published) =>
        Append(timeMs, "decision", judgement.DeviceId, ReadOnlySpan<byte>.Empty, new
        {
            mode = judgement.Mode.ToString(), reason = judgement.Reason, reasonName = ReasonNames.Of(judgement.Reason),
            grantedScope = judgement.GrantedScope, epoch = Hex.FromWire(judgement.Epoch), seq = judgement.Seq,
            explanation = judgement.Explanation, published, evidence = judgement.Evidence,
        });

    public void Grant(long timeMs, ulong deviceId, GrantChange change) =>
        Append(timeMs, change.Kind, deviceId, ReadOnlySpan<byte>.Empty, new { fromScope = change.FromScope, toScope = change.ToScope, why = change.Why });

    public void Operator(long timeMs, ulong deviceId, string action, string operatorName, string reason) =>
        Append(timeMs, "operator", deviceId, ReadOnlySpan<byte>.Empty, new { action, @operator = operatorName, reason });

    public void Incident(long timeMs, ulong deviceId, Incident incident) =>
        Append(timeMs, "incident", deviceId, ReadOnlySpan<byte>.Empty, new { type = incident.Type, explanation = incident.Explanation });

    public void Policy(long timeMs, string sha256, string source) =>
        Append(timeMs, "policy", 0, ReadOnlySpan<byte>.Empty, new { sha256, source });

    public static string VerdictName(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string PathName(PathMode path) => path == PathMode.Confidential ? "confidential" : "open";

    private void Append(long timeMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, object detail)
    {
        string json = JsonSerializer.Serialize(detail, Json);
        lock (_gate) ledger.Append(timeMs, kind, deviceId, frame, json);
    }
}
