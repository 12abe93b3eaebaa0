using System.Text.Json;

namespace AqNano.Fuzz.Corpus;

/// <summary>The seed frames every fuzzer starts from: each "frame" hex string in every JSON
/// file of tests/vectors (the independent reference vectors and any added later), so that
/// the mutators begin at valid Genesis, Observation, Witness and Decision bytes.</summary>
public static class SeedCorpus
{
    /// <summary>The folder the build copies tests/vectors into, next to the assembly.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "vectors");

    public static IReadOnlyList<byte[]> Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        var frames = new List<byte[]>();
        foreach (string path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            Collect(document.RootElement, frames);
        }
        if (frames.Count == 0)
        {
            throw new InvalidOperationException($"no \"frame\" hex strings in {folder}/*.json: the fuzzers need seeds");
        }
        return frames;
    }

    private static void Collect(JsonElement element, List<byte[]> frames)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.NameEquals("frame") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        frames.Add(Convert.FromHexString(property.Value.GetString()!));
                    }
                    else
                    {
                        Collect(property.Value, frames);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) Collect(item, frames);
                break;
        }
    }
}
