using System.CommandLine;
using AqNano.Fuzz.Targets;
using SharpFuzz;

namespace AqNano.Fuzz.Commands;

/// <summary>`afl`: the target under AFL++ (started by run-afl.sh). SharpFuzz's runner speaks AFL's
/// fork-server protocol and reports the instrumented assemblies' branch coverage; an exception
/// escaping Execute is what AFL++ records as a crash.</summary>
internal static class AflCommand
{
    public static Command Create()
    {
        var target = TargetOption.Create();
        var command = new Command("afl", "Serve inputs from AFL++ to a target (run through run-afl.sh, not by hand).") { target };
        command.SetAction(result =>
        {
            string name = result.GetValue(target)!;
            // Instrumented code writes coverage into the map Fuzzer.Run sets up: touching it before
            // (here, by building the target) is an access violation, so the target is built on first input.
            IFuzzTarget? fuzzTarget = null;
            Fuzzer.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                fuzzTarget ??= TargetCatalog.Create(name, forAfl: true);
                fuzzTarget.Execute(copy.ToArray());
            });
            return 0;
        });
        return command;
    }
}
