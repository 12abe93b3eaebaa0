using AqNano.Protocol;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.Reports;

/// <summary>Everything the ledger says about one device, gathered in one pass over its records:
/// the raw material of its report section. Frames contribute only their header's epoch and the
/// digest the verifier recorded in Detail: never frame bytes, so never a reveal.</summary>
public sealed class DeviceHistory
{
    private static readonly HashSet<string> ReplayVerdicts = new(StringComparer.OrdinalIgnoreCase) { "duplicate", "stale" };
    // Reason names of the verifier core for refused replays: an old frame again, a second Genesis for a seen epoch.
    private static readonly HashSet<string> ReplayReasons = new(StringComparer.Ordinal) { "StaleFrame", "EpochReplayed" };
    // Recorded as frames because they are evidence (DESIGN.md "conflict": recorded in full), not links of the canonical chain.
    private static readonly HashSet<string> EvidenceVerdicts = new(StringComparer.OrdinalIgnoreCase) { "conflict", "fork", "contended" };
    private readonly List<ulong> epochs = new();

    public DeviceHistory(ulong deviceId) => DeviceId = deviceId;

    public ulong DeviceId { get; }
    public IReadOnlyList<ulong> Epochs => epochs;
    public long FirstSeenUnixMs { get; private set; } = long.MaxValue;
    public long LastSeenUnixMs { get; private set; }
    public long AcceptedFrames { get; private set; }
    public SortedDictionary<string, long> FrameVerdicts { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> Refusals { get; } = new(StringComparer.Ordinal);
    /// <summary>Refusals counted beyond the budget: each "refusal-count" record carries its source's
    /// running total, so the latest per source is the count, and their sum the total.</summary>
    public SortedDictionary<string, long> SuppressedBySource { get; } = new(StringComparer.Ordinal);
    public long SuppressedRefusals => SuppressedBySource.Values.Sum();
    public long Replays { get; private set; }
    public string LastAcceptedDigest { get; private set; } = "";
    public string LastAcceptedAt { get; private set; } = "";
    public ushort? CurrentScope { get; private set; }
    public long DecisionCount { get; private set; }
    /// <summary>Decision history as changes of standing (mode, reason, grant), oldest first.</summary>
    public List<StandingPeriod> Standings { get; } = new();
    public List<IncidentEvent> Incidents { get; } = new();
    public List<GrantEvent> Grants { get; } = new();
    /// <summary>Client certificate bindings and status changes, oldest first (issue 9, brownfield overlay).</summary>
    public List<CertificateEvent> Certificates { get; } = new();

    public DecisionEvent? CurrentDecision => Standings.Count == 0 ? null : Standings[^1].Last;

    public void Add(LedgerEntry entry)
    {
        FirstSeenUnixMs = Math.Min(FirstSeenUnixMs, entry.TimeUnixMs);
        LastSeenUnixMs = Math.Max(LastSeenUnixMs, entry.TimeUnixMs);
        var detail = new DetailFields(entry.Detail);
        NoteEpoch(entry, detail);
        switch (entry.Kind)
        {
            case "frame": AddFrame(detail); break;
            case "refusal": AddRefusal(detail); break;
            case "refusal-count":
                string source = detail.Text("source");
                SuppressedBySource[source] = Math.Max(SuppressedBySource.GetValueOrDefault(source), detail.Number("suppressed") ?? 0);
                break;
            case "decision": AddDecision(entry, detail); break;
            case "grant" or "revocation": AddGrant(entry, detail); break;
            case "operator":
                Grants.Add(new GrantEvent(entry.Sequence, entry.TimeUnixMs, "operator",
                    detail.Text("action"), $"{detail.Text("reason")} (operator {detail.Text("operator")})"));
                break;
            case "certificate":
                Certificates.Add(new CertificateEvent(entry.Sequence, entry.TimeUnixMs, detail.Text("event"), detail.Text("status"),
                    detail.Text("subject"), detail.Text("issuer"), detail.Text("serial"), detail.Number("notAfter")));
                break;
            case "incident":
                Incidents.Add(new IncidentEvent(entry.Sequence, entry.TimeUnixMs, DeviceId, detail.Text("type"), detail.Text("explanation")));
                break;
        }
    }

    private void AddFrame(DetailFields detail)
    {
        string verdict = detail.Text("verdict");
        FrameVerdicts[verdict] = FrameVerdicts.GetValueOrDefault(verdict) + 1;
        if (ReplayVerdicts.Contains(verdict))
        {
            Replays++;
            return;
        }
        if (EvidenceVerdicts.Contains(verdict)) return;
        AcceptedFrames++;
        LastAcceptedDigest = detail.Text("digest");
        LastAcceptedAt = $"{detail.Text("epoch")}/{detail.Text("seq")}";
    }

    private void AddRefusal(DetailFields detail)
    {
        string verdict = detail.Text("verdict");
        // The verifier core writes reason as a number and reasonName beside it; older records may have only one.
        string why = detail.Text("reasonName").Length > 0 ? detail.Text("reasonName") : detail.Text("reason");
        string key = why.Length == 0 || string.Equals(why, verdict, StringComparison.OrdinalIgnoreCase) ? verdict : $"{verdict}: {why}";
        Refusals[key] = Refusals.GetValueOrDefault(key) + 1;
        if (ReplayVerdicts.Contains(verdict) || ReplayReasons.Contains(why)) Replays++;
    }

    private void AddDecision(LedgerEntry entry, DetailFields detail)
    {
        long? scope = detail.Number("grantedScope");
        var decision = new DecisionEvent(entry.Sequence, entry.TimeUnixMs, detail.Text("mode"), detail.Number("reason"),
            detail.Text("reasonName"), scope is long s ? (ushort)s : null, detail.Text("epoch"), detail.Number("seq"), detail.Text("explanation"));
        DecisionCount++;
        if (Standings.Count == 0 || !Standings[^1].TryExtend(decision)) Standings.Add(new StandingPeriod(decision));
        if (decision.GrantedScope is not null) CurrentScope = decision.GrantedScope;
    }

    private void AddGrant(LedgerEntry entry, DetailFields detail)
    {
        long? from = detail.Number("fromScope"), to = detail.Number("toScope");
        Grants.Add(new GrantEvent(entry.Sequence, entry.TimeUnixMs, entry.Kind,
            $"{ScopeNames.Format(from is long f ? (ushort)f : null)} to {ScopeNames.Format(to is long t ? (ushort)t : null)}", detail.Text("why")));
        if (to is long granted) CurrentScope = (ushort)granted;
    }

    /// <summary>Epochs in the order first seen: from Detail's "epoch" (16 hex, wire order) or from a
    /// recorded chain frame's header when the frame is this device's own.</summary>
    private void NoteEpoch(LedgerEntry entry, DetailFields detail)
    {
        if (Hex.TryParseWire(detail.Text("epoch"), 0, out ulong epoch) && detail.Text("epoch").Length == 16)
        {
            AddEpoch(epoch);
        }
        else if (RevealLocation.Find(entry.Frame, out var link) == RevealLocation.Kind.Located && link.DeviceId == DeviceId)
        {
            AddEpoch(link.Epoch);
        }
    }

    private void AddEpoch(ulong epoch)
    {
        if (!epochs.Contains(epoch)) epochs.Add(epoch);
    }
}
