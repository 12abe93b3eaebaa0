using AqNano.Protocol;
using AqNano.Verifier.Reports;

namespace AqNano.Verifier.Lineage;

/// <summary>The three operator commands as plain methods over a ledger file, for the app's verbs:
/// `aqnano lineage verify`, `aqnano lineage export --format jsonl|csv --out FILE` and
/// `aqnano report [--device ID] --out FILE`. Each opens the file read-only, so it can run beside a
/// live verifier (WAL readers never block the writer) and can never change the ledger.</summary>
public static class LineageCommands
{
    public static LedgerVerification Verify(string ledgerPath)
    {
        using var ledger = OpenForReading(ledgerPath);
        return LedgerVerifier.Verify(ledger);
    }

    public static ExportSummary Export(string ledgerPath, ExportFormat format, string outputPath, int ringSize = RevealDisclosure.DefaultRingSize)
    {
        using var ledger = OpenForReading(ledgerPath);
        return LedgerExporter.ExportToFile(ledger, format, outputPath, ringSize);
    }

    /// <summary>Writes the fleet report, or one device's when <paramref name="deviceIdHex"/> is given
    /// (16 lower-case hex characters, the id's wire bytes, as in topics). Markdown, or HTML for *.html.</summary>
    public static void Report(string ledgerPath, string outputPath, string? deviceIdHex = null, ReportOptions? options = null)
    {
        ulong? deviceId = null;
        if (deviceIdHex is not null)
        {
            if (deviceIdHex.Length != 16 || !Hex.TryParseWire(deviceIdHex, 0, out ulong parsed))
            {
                throw new ArgumentException($"device id must be 16 lower-case hex characters, got '{deviceIdHex}'", nameof(deviceIdHex));
            }
            deviceId = parsed;
        }
        using var ledger = OpenForReading(ledgerPath);
        StateAwarenessReport.WriteToFile(ledger, outputPath, deviceId, options);
    }

    private static SqliteLedger OpenForReading(string path) => new(path, new SqliteLedgerOptions { ReadOnly = true });
}
