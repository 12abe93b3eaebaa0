namespace AqNano.NanoGate.Tests;

/// <summary>The in-test compiler is only evidence if it compiles the way the gate project
/// does: the nanoFramework-safe sources the gate builds must also compile and pass here.</summary>
public class InTestCompilerMatchesGateTests
{
    [Fact]
    public void SharedAndFirmwareCoreSourcesPassTheInTestGate()
    {
        string root = NanoGatePaths.RepositoryRoot;
        var sources = new[] { "shared/AqNano.Protocol", "firmware/AqNano.Firmware.Core", "boards/AqNano.Boards" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText)
            .ToList();
        Assert.True(sources.Count > 20, $"only {sources.Count} source files found under {root}");

        var result = NanoGateInspector.CompileAndInspect(sources, NanoGatePaths.Mscorlib);
        Assert.True(result.Passed, result.ToString());
        var gate = NanoGateInspector.InspectAssembly(NanoGatePaths.GateAssembly);
        Assert.Equal(gate.TypeNames.Where(n => n != "<Module>").Order(), result.TypeNames.Where(n => n != "<Module>").Order());
    }
}
