namespace AqNano.Verifier.Lineage;

/// <summary>`aqnano lineage export --format jsonl|csv`.</summary>
public enum ExportFormat
{
    JsonLines,
    Csv,
}
