using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Ingest;
using AqNano.Verifier;

namespace AqNano.Fuzz.Tests;

/// <summary>The CI smoke of the ingest campaign: 50,000 mutated frames judged by the real verifier core
/// (FleetVerifier, in memory, virtual time): no exception, and no refused or ignored input changes state.</summary>
public class IngestSmokeTests
{
    private const long SmokeInputs = 50_000;

    [Fact]
    public void Fifty_thousand_mutated_frames_throw_nothing_and_refusals_change_no_state()
    {
        using IngestTarget target = FleetVerifierRig.Target();
        CampaignResult result = FuzzCampaign.Run(target, FleetVerifierRig.Seeds(), 20261128, SmokeInputs);

        Assert.True(result.Exceptions == 0, result.Findings.Count == 0 ? "no finding kept" : result.Findings[0].Exception);
        Assert.Equal(SmokeInputs, result.Outcomes.Values.Sum());
    }

    [Fact]
    public void The_smoke_reaches_the_chain_rules_not_only_the_parser()
    {
        using IngestTarget target = FleetVerifierRig.Target();
        CampaignResult result = FuzzCampaign.Run(target, FleetVerifierRig.Seeds(), 1, SmokeInputs);

        Verdict[] expected = [Verdict.Genesis, Verdict.Candidate, Verdict.Next, Verdict.Duplicate, Verdict.Conflict, Verdict.Gap, Verdict.Broken, Verdict.Stale, Verdict.Witness];
        var reached = result.Outcomes.Keys.Select(outcome => outcome.Split(':')[0]).ToHashSet();
        string[] missed = expected.Select(verdict => verdict.ToString()).Where(verdict => !reached.Contains(verdict)).ToArray();
        Assert.True(missed.Length == 0, "never reached: " + string.Join(", ", missed));
        Assert.Contains("Witness", result.Outcomes.Keys); // an accepted link of the registered witness, not only refusals
        Assert.Contains("Malformed:TopicMismatch", result.Outcomes.Keys);
        Assert.Contains("Malformed:LengthMismatch", result.Outcomes.Keys);
    }
}
