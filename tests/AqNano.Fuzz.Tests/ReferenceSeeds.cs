using AqNano.Fuzz.Corpus;

namespace AqNano.Fuzz.Tests;

/// <summary>The frames of the independent reference vectors alone (tests/vectors/aqnano-v1-reference.json).</summary>
internal static class ReferenceSeeds
{
    public static IReadOnlyList<byte[]> Load()
    {
        string folder = Directory.CreateTempSubdirectory("aqnano-reference").FullName;
        try
        {
            File.Copy(Path.Combine(SeedCorpus.DefaultFolder, "aqnano-v1-reference.json"), Path.Combine(folder, "reference.json"));
            return SeedCorpus.Load(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
