using System.Text.Json;

namespace AqNano.Verifier.Reports;

/// <summary>Reads a record's Detail JSON tolerantly: a missing field, a number written as a string
/// or a Detail that is not JSON at all yields empty values, never an exception (a report must still
/// come out of a ledger written by an older or newer verifier).</summary>
public sealed class DetailFields
{
    private readonly Dictionary<string, JsonElement> fields = new(StringComparer.Ordinal);

    public DetailFields(string detail)
    {
        try
        {
            using var document = JsonDocument.Parse(detail);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: every field reads as absent.
        }
    }

    public string Text(string name) => fields.TryGetValue(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        }
        : "";

    public long? Number(string name)
    {
        if (!fields.TryGetValue(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)) return number;
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out number)) return number;
        return null;
    }
}
