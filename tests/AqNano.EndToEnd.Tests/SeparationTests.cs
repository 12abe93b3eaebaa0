using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>DESIGN.md "Parts and the one rule between them": the simulator and the verifier never reference each
/// other; only tests/ wires them, as this project does.</summary>
public sealed class SeparationTests
{
    [Fact]
    public void SimulatorAndVerifierDoNotReferenceEachOther()
    {
        string simulator = typeof(ScenarioRun).Assembly.GetName().Name!;
        string verifier = typeof(FleetVerifier).Assembly.GetName().Name!;
        Assert.DoesNotContain(typeof(ScenarioRun).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("AqNano.Verifier", StringComparison.Ordinal));
        Assert.DoesNotContain(typeof(FleetVerifier).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("AqNano.Simulator", StringComparison.Ordinal));
        Assert.Equal(("AqNano.Simulator", "AqNano.Verifier"), (simulator, verifier));
    }
}
