using System.CommandLine;
using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Commands;

/// <summary>`replay`: runs every input file of a folder (findings, or AFL++'s crashes/queue) through a
/// target outside AFL++, printing what each did; exit code 1 if any threw.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var target = TargetOption.Create();
        var folder = new Argument<string>("folder") { Description = "Folder of .bin or AFL++ id:* input files." };
        var command = new Command("replay", "Replay saved inputs through a target.") { target, folder };
        command.SetAction(result =>
        {
            IFuzzTarget fuzzTarget = TargetCatalog.Create(result.GetValue(target)!);
            int failures = 0;
            IReadOnlyList<string> inputs = FindingsFolder.Inputs(result.GetValue(folder)!);
            foreach (string path in inputs)
            {
                try
                {
                    Console.WriteLine($"{fuzzTarget.Execute(File.ReadAllBytes(path))}\t{path}");
                }
                catch (Exception exception)
                {
                    failures++;
                    Console.WriteLine($"THREW {exception.GetType().Name}: {exception.Message}\t{path}");
                }
            }
            Console.WriteLine($"{inputs.Count} inputs, {failures} threw");
            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}
