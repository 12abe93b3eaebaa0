using System.Text.Json;

namespace AqNano.Fuzz.Corpus;

/// <summary>The seed frames every fuzzer starts from: each "frame" hex string in every JSON file of
/// tests/vectors (the independent reference vectors, the project's vectors with their invalid frames,
/// and any added later), once each, in file and document order, so that the mutators begin at valid
/// and near-valid Genesis, Observation, Witness and Decision bytes. A "frame" that is not hex (the
/// project vectors' label table has "frame": "AQ1/frame") is not a frame and is skipped.</summary>
public static class SeedCorpus
{
    /// <summary>The folder the build copies tests/vectors into, next to the assembly.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "vectors");

    public static IReadOnlyList<byte[]> Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        var frames = new List<byte[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            Collect(document.RootElement, frames, seen);
        }
        if (frames.Count == 0)
        {
            throw new InvalidOperationException($"no \"frame\" hex strings in {folder}/*.json: the fuzzers need seeds");
        }
        return frames;
    }

    private static void Collect(JsonElement element, List<byte[]> frames, HashSet<string> seen)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.NameEquals("frame") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        string hex = property.Value.GetString()!;
                        if (IsHex(hex) && seen.Add(hex)) frames.Add(Convert.FromHexString(hex));
                    }
                    else
                    {
                        Collect(property.Value, frames, seen);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) Collect(item, frames, seen);
                break;
        }
    }

    private static bool IsHex(string text) => text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);
}
