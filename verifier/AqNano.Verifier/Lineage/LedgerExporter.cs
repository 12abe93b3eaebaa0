using System.Text;
using System.Text.Json;

namespace AqNano.Verifier.Lineage;

/// <summary>`aqnano lineage export --format jsonl|csv --out FILE`: every record, one per line, with
/// the reveals still in the verifier's ring withheld (<see cref="RevealDisclosure"/>). Two passes
/// over the ledger: the first finds each chain's newest accepted seq and the head; the second
/// writes up to that head, so records appended meanwhile never escape the first pass's judgement.</summary>
public static class LedgerExporter
{
    public static ExportSummary ExportToFile(ILedger ledger, ExportFormat format, string path, int ringSize = RevealDisclosure.DefaultRingSize)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        return Export(ledger, format, file, ringSize);
    }

    public static ExportSummary Export(ILedger ledger, ExportFormat format, Stream output, int ringSize = RevealDisclosure.DefaultRingSize)
    {
        var disclosure = new RevealDisclosure(ringSize);
        long head = 0;
        foreach (var entry in ledger.Read())
        {
            disclosure.Observe(entry);
            head = entry.Sequence;
        }
        using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        if (format == ExportFormat.Csv) text.WriteLine(string.Join(',', ExportedRecord.ColumnNames));
        long records = 0, reveals = 0, frames = 0;
        foreach (var entry in ledger.Read())
        {
            if (entry.Sequence > head) break;
            var record = ExportedRecord.From(entry, disclosure, out var withheld);
            text.WriteLine(format == ExportFormat.Csv ? ToCsv(record) : ToJson(record));
            records++;
            if (withheld == Withheld.Reveal) reveals++;
            if (withheld == Withheld.Frame) frames++;
        }
        return new ExportSummary(records, reveals, frames, head);
    }

    private static string ToJson(ExportedRecord record)
        => JsonSerializer.Serialize(record, LineageJson.Options);

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string ToCsv(ExportedRecord record)
    {
        string[] fields = [record.Sequence.ToString(), record.TimeUnixMs.ToString(), record.Kind, record.DeviceId,
            record.Frame, record.Withheld, record.Detail, record.PreviousHash, record.Hash];
        return string.Join(',', fields.Select(Quote));
    }

    private static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
