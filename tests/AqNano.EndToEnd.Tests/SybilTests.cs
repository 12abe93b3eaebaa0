using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>The catalogue's Sybil burst (50 fresh identities within a second) under a zone whose policy admits 13 new
/// identities per hour (issue 5 item 2: "the per-zone rate of new identities"): the three established boards and the
/// first ten Sybils are admitted, the other forty are refused with IdentityRateExceeded and never become known, and the
/// established boards are untouched. The policy change is itself recorded in the ledger.</summary>
public sealed class SybilTests
{
    private const int RatePerHour = 13;

    [Fact]
    public void ZoneRateRefusesNewIdentitiesBeyondItAndLeavesEstablishedBoardsAlone()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("sybil"));
        run.Policy.Zone(run.Policy.DefaultZone).NewIdentitiesPerHour = RatePerHour;
        run.Verifier.ApplyPolicy(run.Policy, $"end-to-end: {RatePerHour} new identities per hour");
        run.Execute();

        RoleMembers sybils = run.Run.Roles["sybil"];
        int established = run.Run.Devices.Count;
        List<ulong> admitted = sybils.DeviceIds.Where(id => run.Verifier.Device(id) != null).ToList();
        Assert.Equal(RatePerHour - established, admitted.Count);
        foreach (ulong id in sybils.DeviceIds.Except(admitted))
        {
            List<JudgedPublish> frames = run.JudgedFor(id).ToList();
            Assert.Equal(Reasons.IdentityRateExceeded, frames[0].Judgement.Reason);
            Assert.All(frames, j => Assert.False(j.Judgement.Forward || j.Judgement.DecisionFrame != null, j.Judgement.Explanation));
        }
        foreach (var board in run.Run.Devices)
        {
            DeviceView view = run.Verifier.Device(run.Run.DeviceIdOf(board))!;
            Assert.True(view.Mode == DecisionMode.AdmitFull && view.Incidents == 0, view.Explanation);
        }
        Assert.Equal(2, run.Ledger.Read().Count(e => e.Kind == "policy"));
    }
}
