using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Actuation;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Lineage;

/// <summary>Writes the verifier's records with the kinds and camelCase Detail fields the lineage export and
/// report read (docs/VERIFIER.md "Ledger records"). Detail holds digests, never a reveal; the raw frame goes
/// in LedgerEntry.Frame, where the export withholds reveals still in the ring. The ledgers are thread-safe;
/// a <see cref="Batch"/> makes one judgement's records, and its device's new state, a single durable commit
/// (all of them or none, DESIGN.md "Lineage": written before the broker acknowledges) where the ledger keeps
/// that state (<see cref="IJointCommit"/>); elsewhere the state follows in the store's own commit.</summary>
public sealed class LedgerRecorder(ILedger ledger, IDeviceStateStore? store = null)
{
    private readonly ThreadLocal<List<PendingRecord>?> _open = new();

    // Joint only when the ledger writes the very store the verifier loads from: else the state would
    // land somewhere the next start does not read.
    private readonly IJointCommit? _joint =
        store != null && ledger is IJointCommit joint && ReferenceEquals(joint.StateStore, store) ? joint : null;

    /// <summary>True when records and state are one commit; false when they are two (a crash between them
    /// leaves the store one judgement behind the ledger: docs/SECURITY.md "Known limits").</summary>
    public bool CommitsStateWithRecords => _joint != null;

    public ILedger Ledger => ledger;

    public void Frame(long timeMs, ulong deviceId, ReadOnlySpan<byte> frame, Verdict verdict, ulong epoch, uint seq, byte[] digest, string connection, PathMode path)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("verdict", VerdictName(verdict));
        w.WriteString("epoch", Hex.FromWire(epoch));
        w.WriteNumber("seq", seq);
        w.WriteString("digest", Convert.ToHexStringLower(digest));
        w.WriteString("connection", connection);
        w.WriteString("path", PathName(path));
        Append(timeMs, "frame", deviceId, frame, detail.End());
    }

    public void Refusal(long timeMs, ulong deviceId, ReadOnlySpan<byte> frame, Verdict verdict, byte reason, ulong epoch, uint seq, string connection, PathMode path, string explanation)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("verdict", VerdictName(verdict));
        w.WriteNumber("reason", reason);
        w.WriteString("reasonName", ReasonNames.Of(reason));
        w.WriteString("epoch", Hex.FromWire(epoch));
        w.WriteNumber("seq", seq);
        w.WriteString("connection", connection);
        w.WriteString("path", PathName(path));
        w.WriteString("explanation", explanation);
        Append(timeMs, "refusal", deviceId, frame, detail.End());
    }

    public void RefusalCount(long timeMs, string source, long suppressed)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("source", source);
        w.WriteNumber("suppressed", suppressed);
        Append(timeMs, "refusal-count", 0, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public void Decision(long timeMs, Judgement judgement, bool published)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("mode", judgement.Mode.ToString());
        w.WriteNumber("reason", judgement.Reason);
        w.WriteString("reasonName", ReasonNames.Of(judgement.Reason));
        w.WriteNumber("grantedScope", judgement.GrantedScope);
        w.WriteString("epoch", Hex.FromWire(judgement.Epoch));
        w.WriteNumber("seq", judgement.Seq);
        w.WriteString("explanation", judgement.Explanation);
        w.WriteBoolean("published", published);
        if (judgement.Evidence is EvidenceSnapshot e)
        {
            w.WriteStartObject("evidence");
            w.WriteString("zone", e.Zone);
            w.WriteNumber("continuityDepth", e.ContinuityDepth);
            w.WriteNumber("linksInEpoch", e.LinksInEpoch);
            w.WriteNumber("coveredSeconds", e.CoveredSeconds);
            w.WriteNumber("timeGaps", e.TimeGaps);
            WriteNullable(w, "intervalMs", e.IntervalMs);
            WriteNullable(w, "skewPpm", e.SkewPpm);
            w.WriteNumber("witnessAgreements", e.WitnessAgreements);
            w.WriteNumber("witnessDisagreements", e.WitnessDisagreements);
            w.WriteNumber("conflicts", e.Conflicts);
            w.WriteNumber("alteredFrames", e.AlteredFrames);
            w.WriteNumber("requestedScope", e.RequestedScope);
            w.WriteString("standing", e.Standing);
            w.WriteString("certificate", e.Certificate);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("evidence");
        }
        Append(timeMs, "decision", judgement.DeviceId, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public void Grant(long timeMs, ulong deviceId, GrantChange change)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteNumber("fromScope", change.FromScope);
        w.WriteNumber("toScope", change.ToScope);
        w.WriteString("why", change.Why);
        Append(timeMs, change.Kind, deviceId, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public void Operator(long timeMs, ulong deviceId, string action, string operatorName, string reason)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("action", action);
        w.WriteString("operator", operatorName);
        w.WriteString("reason", reason);
        Append(timeMs, "operator", deviceId, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public void Incident(long timeMs, ulong deviceId, Incident incident)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("type", incident.Type);
        w.WriteString("explanation", incident.Explanation);
        Append(timeMs, "incident", deviceId, ReadOnlySpan<byte>.Empty, detail.End());
    }

    /// <summary>A client certificate bound to a device, or its status changed (issue 9; docs/VERIFIER.md "Certificates").
    /// Public facts only: subject, issuer, serial, validity, thumbprint.</summary>
    public void Certificate(long timeMs, ulong deviceId, CertificateBinding binding, CertificateStatus status)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("event", binding.Recorded == null ? "bound" : "status-changed");
        w.WriteString("status", CertificateStatusNames.Of(status));
        if (binding.Recorded is CertificateStatus previous) w.WriteString("previousStatus", CertificateStatusNames.Of(previous));
        else w.WriteNull("previousStatus");
        w.WriteString("connection", binding.Connection);
        if (binding.Certificate is CertificateEvidence c)
        {
            w.WriteString("subject", c.Subject);
            w.WriteString("issuer", c.Issuer);
            w.WriteString("serial", c.SerialNumberHex);
            w.WriteNumber("notBefore", c.NotBeforeUnixMs);
            w.WriteNumber("notAfter", c.NotAfterUnixMs);
            w.WriteString("thumbprintSha256", c.ThumbprintSha256Hex);
        }
        Append(timeMs, "certificate", deviceId, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public void Policy(long timeMs, string sha256, string source)
    {
        DetailWriter detail = DetailWriter.ForThread();
        Utf8JsonWriter w = detail.Begin();
        w.WriteString("sha256", sha256);
        w.WriteString("source", source);
        Append(timeMs, "policy", 0, ReadOnlySpan<byte>.Empty, detail.End());
    }

    public static string VerdictName(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string PathName(PathMode path) => path == PathMode.Confidential ? "confidential" : "open";

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double number) w.WriteNumber(name, number);
        else w.WriteNull(name);
    }

    /// <summary>Collects this thread's records until <see cref="Batch.Commit"/>; disposing an uncommitted
    /// batch drops them (the judgement failed, so nothing of it may be acknowledged or recorded).</summary>
    public Batch BeginBatch()
    {
        if (_open.Value != null) throw new InvalidOperationException("a ledger batch is already open on this thread");
        _open.Value = [];
        return new Batch(this);
    }

    private void Append(long timeMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
    {
        List<PendingRecord>? open = _open.Value;
        if (open != null) open.Add(new PendingRecord(timeMs, kind, deviceId, frame.ToArray(), detail));
        else ledger.Append(timeMs, kind, deviceId, frame, detail);
    }

    private bool Commit(StateWrite? state)
    {
        List<PendingRecord> open = _open.Value ?? [];
        _open.Value = null;
        if (state == null || store == null)
        {
            if (open.Count > 0) ledger.AppendBatch(open);
            return true;
        }
        if (_joint != null) return _joint.CommitAll([new CommitUnit(open, state)])[0] != null;
        if (open.Count > 0) ledger.AppendBatch(open);
        return store.TrySave(state.DeviceId, state.State, state.ExpectedVersion);
    }

    private void Discard() => _open.Value = null;

    /// <summary>One judgement's records on their way to the ledger.</summary>
    public readonly struct Batch(LedgerRecorder recorder) : IDisposable
    {
        /// <summary>Appends the collected records in one durable transaction, with the device's new state when
        /// given; returns once they are durable. False when the state write was stale (another writer got there
        /// first): on a joint commit none of the records was written then either.</summary>
        public bool Commit(StateWrite? state = null) => recorder.Commit(state);

        public void Dispose() => recorder.Discard();
    }
}
