using System.Globalization;
using AqNano.Protocol;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.Reports;

/// <summary>`aqnano report [--device ID] --out FILE`: the state-awareness report per device or per
/// fleet, from the ledger alone (Reports/README.md). It shows ids, epochs, digests and what the
/// verifier decided; it never reads a frame's bytes beyond its header, so no reveal can leak
/// (DESIGN.md "Disclosure").</summary>
public static class StateAwarenessReport
{
    /// <summary>Writes Markdown, or HTML when <paramref name="path"/> ends in .html or .htm.</summary>
    public static void WriteToFile(ILedger ledger, string path, ulong? deviceId = null, ReportOptions? options = null)
    {
        var document = Build(ledger, deviceId, options);
        bool html = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
        File.WriteAllText(path, html ? HtmlRenderer.Render(document, Title(deviceId)) : MarkdownRenderer.Render(document));
    }

    public static string Markdown(ILedger ledger, ulong? deviceId = null, ReportOptions? options = null)
        => MarkdownRenderer.Render(Build(ledger, deviceId, options));

    public static string Html(ILedger ledger, ulong? deviceId = null, ReportOptions? options = null)
        => HtmlRenderer.Render(Build(ledger, deviceId, options), Title(deviceId));

    private static string Integrity(LedgerVerification verification) => verification.Verified
        ? $"Ledger integrity: the hash chain verifies through record {verification.HeadSequence}; head hash {verification.HeadHashHex}."
        : $"Ledger integrity: VERIFY FAILS at record {verification.FirstBadSequence}: {verification.Problem}. Treat everything after it as unproven.";

    public static ReportDocument Build(ILedger ledger, ulong? deviceId = null, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var history = FleetHistory.Read(ledger, deviceId);
        var document = new ReportDocument().Heading(1, Title(deviceId));
        document.Paragraph($"Made from the ledger alone: {history.Records} records read, the newest at {Time(history.LastTimeUnixMs)}. "
            + "Frames appear as ids, epochs and digests only: no reveal is shown.");
        document.Paragraph(options.Integrity ?? Integrity(LedgerVerifier.Verify(ledger)));
        if (deviceId is ulong id)
        {
            if (history.Devices.TryGetValue(id, out var device)) DeviceSection.Write(document, device, options, 2);
            else document.Paragraph($"The ledger holds no record of device {Hex.FromWire(id)}.");
        }
        else
        {
            FleetSection.Write(document, history, options);
        }
        document.Heading(2, "What this report evidences");
        document.Table(ComplianceMapping.Headers, ComplianceMapping.Rows);
        return document;
    }

    internal static string Time(long unixMs) => unixMs <= 0 || unixMs == long.MaxValue
        ? "-"
        : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Title(ulong? deviceId) => deviceId is ulong id
        ? $"AqNano state-awareness report: device {Hex.FromWire(id)}"
        : "AqNano state-awareness report: fleet";
}
