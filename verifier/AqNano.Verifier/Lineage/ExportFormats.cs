namespace AqNano.Verifier.Lineage;

/// <summary>The names `aqnano lineage export --format` accepts.</summary>
public static class ExportFormats
{
    public const string Names = "jsonl|csv";

    public static bool TryParse(string? name, out ExportFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "jsonl" or "json-lines" or "ndjson":
                format = ExportFormat.JsonLines;
                return true;
            case "csv":
                format = ExportFormat.Csv;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
