using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance, replay (DESIGN.md "What each attack yields": a duplicate, ignored, or stale,
/// refused; no state change): each replayed frame is caught on arrival, and the device's chain goes on.</summary>
public sealed class ReplayTests
{
    [Theory]
    [InlineData("open")]
    [InlineData("confidential")]
    public void ReplayedFramesAreDuplicateOrStaleAndChangeNothing(string path)
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("replay") with { Path = path });
        run.Execute();

        ulong id = run.Run.Roles["target"].DeviceIds.Single();
        RoleMembers attacker = run.Run.Roles["attacker"];
        List<JudgedPublish> replayed = run.Judged.Where(j => attacker.Sent(j.Connection)).ToList();
        Assert.Equal(run.Run.Attacks.Single().ActionCount, replayed.Count);
        Assert.All(replayed, j => Assert.True(j.Judgement.Verdict is Verdict.Duplicate or Verdict.Stale, j.Judgement.Explanation));
        Assert.Contains(replayed, j => j.Judgement.Verdict == Verdict.Stale && j.Judgement.Reason == Reasons.StaleFrame);
        Assert.All(replayed, j => Assert.False(j.Judgement.TakeOwnership));
        Assert.All(replayed.Where(j => j.Judgement.Verdict == Verdict.Stale), j => Assert.False(j.Judgement.Forward));

        // The board's own chain never noticed: every frame it sent after the replay began is the next link.
        long start = run.Run.MinutesToUs(run.Run.Definition.Attacks.Single().AtMinute);
        List<JudgedPublish> own = run.JudgedFor(id).Where(j => !attacker.Sent(j.Connection) && j.Publish.ReceivedTrueUs >= start).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, j => Assert.True(j.Judgement.Verdict is Verdict.Next or Verdict.Duplicate, j.Judgement.Explanation));
        DeviceView view = run.Verifier.Device(id)!;
        Assert.Equal(0, view.Incidents);
        Assert.True(view.Mode is DecisionMode.AdmitFull, view.Explanation);
    }
}
