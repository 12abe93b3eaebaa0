using AqNano.Protocol;

namespace AqNano.Verifier.Reports;

/// <summary>The fleet's part of a report: one row per device, the policy history, fleet-wide
/// incidents, then full sections for the devices that most need a look.</summary>
internal static class FleetSection
{
    public static void Write(ReportDocument document, FleetHistory history, ReportOptions options)
    {
        var devices = history.Devices.Values.ToList();
        document.Heading(2, "Fleet");
        var modes = devices.GroupBy(d => d.CurrentDecision?.Mode ?? "no decision")
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        document.Paragraph($"{devices.Count} devices: {string.Join(", ", modes)}. "
            + $"Incidents {devices.Sum(d => d.Incidents.Count) + history.Fleet.Incidents.Count}, "
            + $"refusals {devices.Sum(d => d.Refusals.Values.Sum()) + history.Fleet.Refusals.Values.Sum()} recorded "
            + $"and {devices.Sum(d => d.SuppressedRefusals) + history.Fleet.SuppressedRefusals} counted beyond budget.");
        document.Table(["Device", "Epochs", "Mode", "Reason", "Granted", "Incidents", "Refusals", "Replays", "Last seen"],
            devices.Select(d => (IReadOnlyList<string>)[Hex.FromWire(d.DeviceId), d.Epochs.Count.ToString(),
                d.CurrentDecision?.Mode ?? "-", d.CurrentDecision?.ReasonName ?? "-", ScopeNames.Format(d.CurrentScope),
                d.Incidents.Count.ToString(), d.Refusals.Values.Sum().ToString(), d.Replays.ToString(),
                StateAwarenessReport.Time(d.LastSeenUnixMs)]));

        document.Heading(2, "Policy");
        if (history.Policies.Count == 0) document.Paragraph("No policy record.");
        else document.Table(["Time", "Record", "SHA-256", "Source"],
            history.Policies.Select(p => (IReadOnlyList<string>)[StateAwarenessReport.Time(p.TimeUnixMs), p.Sequence.ToString(), p.Sha256, p.Source]));

        document.Heading(2, "Fleet-wide incidents and refusals");
        IncidentTable.Write(document, history.Fleet.Incidents, options);
        document.Paragraph("Refusals not tied to a known device:");
        document.Table(["Verdict or reason", "Count"],
            history.Fleet.Refusals.Select(r => (IReadOnlyList<string>)[r.Key, r.Value.ToString()]));
        // The refusal budget is per source (connection label), so its counts are listed per source.
        var suppressed = devices.SelectMany(d => d.SuppressedBySource).Concat(history.Fleet.SuppressedBySource);
        document.Paragraph("Refusals counted beyond the per-source budget (not recorded in full):");
        document.Table(["Source", "Counted"], suppressed.Select(s => (IReadOnlyList<string>)[s.Key, s.Value.ToString()]));

        var needingALook = devices
            .OrderByDescending(d => d.Incidents.Count > 0 || (d.CurrentDecision?.Mode ?? "") != nameof(DecisionMode.AdmitFull))
            .ThenByDescending(d => d.Incidents.Count)
            .ThenBy(d => d.DeviceId)
            .Take(options.MaxDeviceSections)
            .ToList();
        if (needingALook.Count < devices.Count)
        {
            document.Paragraph($"Full sections follow for {needingALook.Count} of {devices.Count} devices (those not at AdmitFull or with incidents first); "
                + "`aqnano report --device ID` gives any device's.");
        }
        foreach (var device in needingALook) DeviceSection.Write(document, device, options, 2);
    }
}
