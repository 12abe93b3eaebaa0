using System.Text.Encodings.Web;
using System.Text.Json;

namespace AqNano.Verifier.Lineage;

/// <summary>JSON settings of everything lineage writes: camelCase like the verifier's Detail.</summary>
internal static class LineageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Exports are data files, never embedded in HTML: keep '+' of base64 and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
