using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance: a lying registered witness never quarantines the honest devices it lies about
/// (DESIGN.md "Witnesses": one that disagrees makes the subject Deferred or Monitored, never quarantined).</summary>
public sealed class LyingWitnessTests
{
    [Theory]
    [InlineData("confidential")]
    [InlineData("open")]
    public void LyingWitnessNeverQuarantines(string path)
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("lying-witness") with { Path = path });
        run.Execute();

        Assert.True(run.Run.Attacks.Single().ActionCount > 0, "the witness told no lie");
        foreach (ulong id in run.Run.Roles["target"].DeviceIds)
        {
            Assert.DoesNotContain(run.DecisionsFor(id), d => d.Mode == DecisionMode.Refused);
            DeviceView view = run.Verifier.Device(id)!;
            Assert.True(view.Mode is DecisionMode.AdmitMonitored or DecisionMode.Deferred, view.Explanation);
            Assert.Equal(Reasons.WitnessDisagreement, view.Reason);
        }
    }
}
