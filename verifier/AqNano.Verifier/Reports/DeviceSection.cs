using AqNano.Protocol;

namespace AqNano.Verifier.Reports;

/// <summary>One device's part of a report: identity, standing, decisions, grants, incidents, refusals.</summary>
internal static class DeviceSection
{
    public static void Write(ReportDocument document, DeviceHistory device, ReportOptions options, int level)
    {
        string time(long ms) => StateAwarenessReport.Time(ms);
        document.Heading(level, $"Device {Hex.FromWire(device.DeviceId)}");

        document.Heading(level + 1, "Identity");
        document.Table(["Field", "Value"],
        [
            ["Device id", Hex.FromWire(device.DeviceId)],
            ["Epochs seen (first seen first)", device.Epochs.Count == 0 ? "-" : string.Join(", ", device.Epochs.Select(Hex.FromWire))],
            ["First seen", time(device.FirstSeenUnixMs)],
            ["Last seen", time(device.LastSeenUnixMs)],
            ["Accepted frames", device.AcceptedFrames.ToString()],
            ["Last accepted (epoch/seq)", device.LastAcceptedAt.Length == 0 ? "-" : device.LastAcceptedAt],
            ["Last accepted frame digest", device.LastAcceptedDigest.Length == 0 ? "-" : device.LastAcceptedDigest],
        ]);

        if (device.Certificates.Count > 0)
        {
            // Only for devices that ever presented one: an authority credential weighed beside the chain.
            document.Heading(level + 1, "Client certificate");
            document.Table(["Time", "Record", "Event", "Status", "Subject", "Issuer", "Serial", "Not after"],
                device.Certificates.Select(c => (IReadOnlyList<string>)[time(c.TimeUnixMs), c.Sequence.ToString(), c.Event, c.Status,
                    Dash(c.Subject), Dash(c.Issuer), Dash(c.Serial), c.NotAfterUnixMs is long notAfter ? time(notAfter) : "-"]));
        }

        document.Heading(level + 1, "Current standing");
        var current = device.CurrentDecision;
        document.Paragraph(current is null
            ? "No decision recorded yet."
            : $"Mode {current.Mode}, reason {Reason(current)}, granted {ScopeNames.Format(device.CurrentScope)} "
              + $"(since {time(current.TimeUnixMs)}): {current.Explanation}");

        document.Heading(level + 1, "Decision history");
        var periods = device.Standings.TakeLast(options.MaxDecisions).ToList();
        document.Paragraph($"{device.DecisionCount} decisions in {device.Standings.Count} changes of standing"
            + (periods.Count < device.Standings.Count ? $"; the newest {periods.Count} are listed." : "."));
        document.Table(["From", "To", "Decisions", "Mode", "Reason", "Granted", "At epoch/seq", "Explanation"],
            periods.Select(p => (IReadOnlyList<string>)[time(p.First.TimeUnixMs), time(p.Last.TimeUnixMs), p.Decisions.ToString(),
                p.First.Mode, Reason(p.First), ScopeNames.Format(p.First.GrantedScope), $"{p.First.Epoch}/{p.First.Seq}", p.First.Explanation]));

        document.Heading(level + 1, "Grants, revocations and operator actions");
        document.Table(["Time", "Record", "Kind", "Change", "Why"],
            device.Grants.Select(g => (IReadOnlyList<string>)[time(g.TimeUnixMs), g.Sequence.ToString(), g.Kind, g.Change, g.Why]));

        document.Heading(level + 1, "Incidents");
        IncidentTable.Write(document, device.Incidents, options);

        document.Heading(level + 1, "Frames and refusals");
        var counts = device.FrameVerdicts.Select(v => (IReadOnlyList<string>)["frame", v.Key, v.Value.ToString()])
            .Concat(device.Refusals.Select(r => (IReadOnlyList<string>)["refusal", r.Key, r.Value.ToString()]))
            .Append(["replays", "duplicate, stale or replayed epoch", device.Replays.ToString()]);
        document.Table(["Record", "Verdict or reason", "Count"], counts);
    }

    private static string Dash(string text) => text.Length == 0 ? "-" : text;

    private static string Reason(DecisionEvent decision)
        => decision.Reason is long number ? $"{number} {decision.ReasonName}".Trim() : decision.ReasonName;
}
