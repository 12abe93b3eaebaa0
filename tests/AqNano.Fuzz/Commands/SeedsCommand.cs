using System.CommandLine;
using AqNano.Fuzz.Corpus;

namespace AqNano.Fuzz.Commands;

/// <summary>`seeds`: writes the vectors' frames as one raw file each, AFL++'s input corpus.</summary>
internal static class SeedsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write seed-NN.bin files into.", Required = true };
        var command = new Command("seeds", "Write the seed corpus (every frame in tests/vectors) as raw files.") { output };
        command.SetAction(result =>
        {
            string folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            IReadOnlyList<byte[]> seeds = SeedCorpus.Load();
            for (int i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D2}.bin"), seeds[i]);
            Console.WriteLine($"{seeds.Count} seeds in {Path.GetFullPath(folder)}");
            return 0;
        });
        return command;
    }
}
