using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance, reboot (DESIGN.md "reboot"): the new epoch cannot be linked by cryptography; it
/// is a candidate, promoted once the old epoch misses a link, Observe only for the keep period, and back to
/// AdmitFull once continuity deepens. Driven by the catalogue's honest-fleet (dev-0005 resets at minute 30).</summary>
public sealed class RebootTests
{
    [Fact]
    public void RebootedUnitIsRelinkedRestrictedThenBackToFull()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("honest-fleet"));
        run.Execute();

        SimulatedBoard board = run.Run.Devices[run.Run.Definition.Reboots.Single().Device];
        ulong id = run.Run.DeviceIdOf(board);
        Assert.Equal(2, board.BootCount);
        ulong newEpoch = board.Program!.Epoch;
        List<JudgedPublish> frames = run.JudgedFor(id).ToList();
        ulong oldEpoch = frames.First().Judgement.Epoch;
        Assert.NotEqual(oldEpoch, newEpoch);
        Assert.Equal(DecisionMode.AdmitFull, run.DecisionsFor(id).Last(d => d.Epoch == oldEpoch).Mode);

        // The second boot's frames: a candidate Genesis, the promoting link, then next links; nothing refused.
        List<JudgedPublish> secondBoot = frames.Where(j => j.Connection == board.Name + "#2").ToList();
        Assert.Equal(Verdict.Candidate, secondBoot[0].Judgement.Verdict);
        Assert.Equal(DecisionMode.Deferred, secondBoot[0].Judgement.Mode);
        Assert.All(secondBoot, j => Assert.True(j.Judgement.Forward && j.Judgement.Verdict is Verdict.Candidate or Verdict.Next or Verdict.Duplicate,
            j.Judgement.Explanation));

        // Re-linked restricted (Observe only during the keep period), then back to full.
        List<PublishedDecision> decisions = run.DecisionsFor(id).Where(d => d.Epoch == newEpoch).ToList();
        Assert.NotEmpty(decisions);
        PublishedDecision first = decisions[0];
        Assert.True(first.Mode == DecisionMode.AdmitRestricted && first.Reason == Reasons.KeepPeriod && first.GrantedScope == Scopes.Observe, first.ToString());
        int full = decisions.FindIndex(d => d.Mode == DecisionMode.AdmitFull);
        Assert.True(full > 0, "the new epoch never got back to AdmitFull");
        Assert.All(decisions.Take(full), d => Assert.Equal(DecisionMode.AdmitRestricted, d.Mode));
        Assert.All(decisions.Skip(full), d => Assert.Equal(DecisionMode.AdmitFull, d.Mode));
        DeviceView view = run.Verifier.Device(id)!;
        Assert.Equal(newEpoch, view.Epoch);
        Assert.Equal(0, view.Incidents);
    }
}
