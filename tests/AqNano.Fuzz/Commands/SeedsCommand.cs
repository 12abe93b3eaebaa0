using System.CommandLine;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Commands;

/// <summary>`seeds`: writes a target's seed frames as one raw file each, AFL++'s input corpus.</summary>
internal static class SeedsCommand
{
    public static Command Create()
    {
        var target = TargetOption.Create();
        var output = new Option<string>("--out") { Description = "Folder to write seed-NN.bin files into.", Required = true };
        var command = new Command("seeds", "Write a target's seed corpus (the frames in tests/vectors, for the ingest also a witness chain) as raw files.") { target, output };
        command.SetAction(result =>
        {
            string folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            IReadOnlyList<byte[]> seeds = TargetCatalog.Seeds(result.GetValue(target)!);
            for (int i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D2}.bin"), seeds[i]);
            Console.WriteLine($"{seeds.Count} seeds in {Path.GetFullPath(folder)}");
            return 0;
        });
        return command;
    }
}
