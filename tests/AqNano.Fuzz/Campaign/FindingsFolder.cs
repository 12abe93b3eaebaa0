using System.Security.Cryptography;

namespace AqNano.Fuzz.Campaign;

/// <summary>Crashing inputs on disk, one raw .bin per input (what AFL++ writes too) with the exception
/// beside it in a .txt. The test suite replays every .bin under tests/AqNano.Fuzz.Tests/findings.</summary>
public static class FindingsFolder
{
    public static void Save(string folder, string target, IEnumerable<Finding> findings)
    {
        Directory.CreateDirectory(folder);
        foreach (Finding finding in findings)
        {
            string name = $"{target}-{Convert.ToHexStringLower(SHA256.HashData(finding.Input))[..16]}";
            File.WriteAllBytes(Path.Combine(folder, name + ".bin"), finding.Input);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), $"campaign index {finding.Index}\n{finding.Exception}\n");
        }
    }

    /// <summary>Writes one input per outcome as {target}-{outcome}-{hash}.bin: the replay test checks
    /// that each still gets the outcome its name records.</summary>
    public static void SaveExamples(string folder, string target, IReadOnlyDictionary<string, byte[]> examples)
    {
        Directory.CreateDirectory(folder);
        foreach (var (outcome, input) in examples)
        {
            string name = $"{target}-{outcome.Replace(':', '_')}-{Convert.ToHexStringLower(SHA256.HashData(input))[..16]}.bin";
            File.WriteAllBytes(Path.Combine(folder, name), input);
        }
    }

    /// <summary>Every input file in a folder (and its subfolders), in a stable order: .bin files and AFL++'s id:* files.</summary>
    public static IReadOnlyList<string> Inputs(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".bin", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("id:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];
}
