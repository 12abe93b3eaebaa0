using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

public sealed class OutcomeCheckTests
{
    private static readonly ExpectedOutcome CloneTarget = ScenarioCatalogue.Find("clone-confidential").Expected.Single(e => e.Role == "target");

    private static ObservedOutcome Quarantined => new()
    {
        Verdicts = new HashSet<string> { "Genesis", "Next", "Conflict" },
        FinalModes = new[] { "Refused" },
        FinalReasons = new[] { "CloneEvidence" },
        Incident = true,
    };

    [Fact]
    public void AnObservationMatchingTheScenarioHasNoDifferences() => Assert.Empty(OutcomeCheck.Differences(CloneTarget, Quarantined));

    [Fact]
    public void EachMissOfTheExpectationIsSaid()
    {
        ObservedOutcome monitored = Quarantined with
        {
            Verdicts = new HashSet<string> { "Genesis" },
            FinalModes = new[] { "AdmitMonitored" },
            FinalReasons = new[] { "OpenPathConflict" },
            Incident = false,
        };
        IReadOnlyList<string> differences = OutcomeCheck.Differences(CloneTarget, monitored);
        Assert.Contains("target: no frame was judged Next", differences);
        Assert.Contains("target: no frame was judged Conflict", differences);
        Assert.Contains("target: final mode AdmitMonitored, expected Refused", differences);
        Assert.Contains("target: final reason OpenPathConflict, expected CloneEvidence", differences);
        Assert.Contains("target: no incident was opened", differences);
        Assert.Equal(5, differences.Count);
    }

    [Fact]
    public void ForbiddenVerdictsAndBrokerRefusalsAreChecked()
    {
        ExpectedOutcome replayer = ScenarioCatalogue.Find("replay").Expected.Single(e => e.Role == "attacker");
        Assert.Contains("attacker: a frame was judged Next, which must never happen",
            OutcomeCheck.Differences(replayer, new ObservedOutcome { Verdicts = new HashSet<string> { "Stale", "Next" } }));
        ExpectedOutcome spoofer = ScenarioCatalogue.Find("spoofed-decision").Expected.Single(e => e.Role == "attacker");
        Assert.Equal(new[] { "attacker: the broker forwarded a publish it must refuse" }, OutcomeCheck.Differences(spoofer, new ObservedOutcome()));
        Assert.Empty(OutcomeCheck.Differences(spoofer, new ObservedOutcome { BrokerRefusedAll = true }));
    }
}
