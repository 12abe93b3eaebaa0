using AqNano.Protocol;

namespace AqNano.Verifier.Reports;

internal static class IncidentTable
{
    public static void Write(ReportDocument document, IReadOnlyList<IncidentEvent> incidents, ReportOptions options)
    {
        if (incidents.Count == 0)
        {
            document.Paragraph("None recorded.");
            return;
        }
        var byType = incidents.GroupBy(i => i.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        document.Paragraph($"Incidents: {incidents.Count} ({string.Join(", ", byType)}).");
        var listed = incidents.TakeLast(options.MaxIncidents);
        document.Table(["Time", "Record", "Device", "Type", "Explanation"],
            listed.Select(i => (IReadOnlyList<string>)[StateAwarenessReport.Time(i.TimeUnixMs), i.Sequence.ToString(),
                Hex.FromWire(i.DeviceId), i.Type, i.Explanation]));
    }
}
