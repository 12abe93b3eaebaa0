using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Tests;

/// <summary>The campaign must see a throwing target: without this, "0 exceptions" could mean a blind harness.</summary>
public class CanaryTests
{
    [Fact]
    public void A_campaign_counts_and_keeps_what_a_target_throws()
    {
        CampaignResult result = FuzzCampaign.Run(new CanaryFuzzTarget(), SeedCorpus.Load(), 1, 5_000);

        Assert.True(result.Exceptions > 0);
        Assert.Equal(result.Exceptions, result.Outcomes["exception:FuzzInvariantException"]);
        Assert.Equal(Math.Min(result.Exceptions, FuzzCampaign.FindingsKept), result.Findings.Count);
        Assert.Contains("canary", result.Findings[0].Exception);
        Assert.Throws<FuzzInvariantException>(() => new CanaryFuzzTarget().Execute(result.Findings[0].Input));
    }
}
