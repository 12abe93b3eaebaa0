using AqNano.EndToEnd.Tests.Harness;
using AqNano.Simulator.Scenarios;

namespace AqNano.EndToEnd.Tests;

/// <summary>Every scenario of the simulator's built-in catalogue run against the verifier: the outcome written next
/// to each scenario (issue 4 "Acceptance") must hold, and the ledger must verify after the run. One test per
/// scenario, so that a claim the verifier does not meet is skipped by name with its reason, not hidden.</summary>
public sealed class ScenarioCatalogueTests
{
    [Fact] public void CloneConfidential() => Check("clone-confidential");
    [Fact] public void CloneOpen() => Check("clone-open");
    [Fact] public void CompromisedBatch() => Check("compromised-batch");
    [Fact] public void DemoMix() => Check("demo-mix");
    [Fact] public void Eavesdropper() => Check("eavesdropper");
    [Fact] public void GenesisRace() => Check("genesis-race");
    [Fact] public void HonestFleet() => Check("honest-fleet");
    [Fact] public void LightSleep() => Check("light-sleep");
    [Fact] public void LongDormancy() => Check("long-dormancy");
    [Fact] public void LyingWitness() => Check("lying-witness");
    [Fact] public void MalformedFlood() => Check("malformed-flood");
    [Fact] public void MitmConfidentialWitness() => Check("mitm-confidential-witness");
    [Fact] public void MitmConfidential() => Check("mitm-confidential");
    [Fact] public void MitmOpenWitness() => Check("mitm-open-witness");
    [Fact] public void MitmOpen() => Check("mitm-open");

    [Fact] public void RebootStorm() => Check("reboot-storm");

    [Fact] public void Replay() => Check("replay");
    [Fact] public void RetrofitSensor() => CheckNeverAboveGateway(Check("retrofit-sensor"));
    [Fact] public void RetrofitSwap() => CheckNeverAboveGateway(Check("retrofit-swap"));
    [Fact] public void RetrofitGatewayClone() => CheckNeverAboveGateway(Check("retrofit-gateway-clone"));
    [Fact] public void SpoofedDecision() => Check("spoofed-decision");

    [Fact]
    public void Sybil() => Check("sybil");

    [Fact] public void Tamper() => Check("tamper");

    [Fact]
    public void EveryCatalogueScenarioHasATest()
    {
        var tested = typeof(ScenarioCatalogueTests).GetMethods().Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0)
            .Select(m => m.Name).ToHashSet();
        foreach (ScenarioDefinition scenario in ScenarioCatalogue.BuiltIn())
        {
            string method = string.Concat(scenario.Name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            Assert.True(tested.Contains(method), $"catalogue scenario {scenario.Name} has no test {method}");
        }
    }

    /// <summary>The pair is one unit (docs/VERIFIER.md "Proxied devices"): no Decision published for a proxied device
    /// puts it above the standing its gateway held at that moment (the gateway's last Decision before it).</summary>
    private static void CheckNeverAboveGateway(EndToEndRun run)
    {
        foreach (var proxied in run.Run.Proxied)
        {
            ulong gateway = run.Run.DeviceIdOf(proxied.Gateway);
            PublishedDecision? gatewayLast = null;
            int checkedDecisions = 0;
            foreach (PublishedDecision d in run.Decisions)
            {
                if (d.DeviceId == gateway) gatewayLast = d;
                if (d.DeviceId != proxied.DeviceId || gatewayLast == null) continue;
                checkedDecisions++;
                Assert.True(Rank(d.Mode) >= Rank(gatewayLast.Mode),
                    $"{proxied.Topic}: {d.Mode} at {d.TimeUs} us while its gateway stood at {gatewayLast.Mode}");
                Assert.True((d.GrantedScope & ~(gatewayLast.GrantedScope | Protocol.Scopes.Observe)) == 0,
                    $"{proxied.Topic}: granted 0x{d.GrantedScope:x2} beyond its gateway's 0x{gatewayLast.GrantedScope:x2}");
            }
            Assert.True(checkedDecisions > 10, $"{proxied.Topic}: only {checkedDecisions} Decisions to check");
        }
    }

    private static int Rank(Protocol.DecisionMode mode) => AqNano.Verifier.Admission.ProxiedPairRules.Rank(mode);

    private static EndToEndRun Check(string name)
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find(name));
        run.Execute();

        Assert.NotEmpty(run.Run.Definition.Expected);
        Assert.NotEmpty(run.Judged);
        IReadOnlyList<string> failures = OutcomeChecker.Check(run);
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
        foreach (var board in run.Run.Devices.Concat(run.Run.Gateways)) Traffic.AssertNoResendStorm(run, run.Run.DeviceIdOf(board), board.Name);
        return run;
    }
}
