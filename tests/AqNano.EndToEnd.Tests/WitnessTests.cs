using System.Text.Json;
using AqNano.EndToEnd.Tests.Harness;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;
using AqNano.Verifier.Lineage;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance, man in the middle with a registered witness: the gateway that heard the device's
/// real digest over ESP-NOW disagrees with the rewritten frame the verifier accepted first, and that disagreement
/// is recorded as an incident next to the conflict (DESIGN.md "Witnesses", "hold back frame n and send n' first").</summary>
public sealed class WitnessTests
{
    [Theory]
    [InlineData("mitm-open-witness")]
    [InlineData("mitm-confidential-witness")]
    public void RegisteredWitnessDisagreesWithTheRewrittenFrame(string scenario)
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find(scenario));
        run.Execute();

        ulong target = run.Run.Roles["target"].DeviceIds.Single();
        RoleMembers witness = run.Run.Roles["witness"];
        Assert.Contains(run.Judged, j => witness.Sent(j.Connection) && j.Judgement.Verdict == Verdict.Witness);
        List<string> incidents = run.Ledger.ReadDevice(target).Where(e => e.Kind == "incident")
            .Select(e => JsonDocument.Parse(e.Detail).RootElement.GetProperty("type").GetString()!).ToList();
        Assert.Contains("witness-disagreement", incidents);
        Assert.Contains(incidents, type => type is "fork" or "clone");
    }
}
