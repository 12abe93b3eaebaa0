using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Ingest;
using AqNano.Fuzz.Targets;
using AqNano.Fuzz.Tests.Fakes;

namespace AqNano.Fuzz.Tests;

/// <summary>The ingest target's own checks, against a stand-in verifier, so that "no state change on
/// refused input" is shown able to fail before it is trusted against the real verifier.</summary>
public class IngestHarnessTests
{
    private static readonly IReadOnlyList<byte[]> Seeds = SeedCorpus.Load();

    private static IngestTarget Target(bool writesOnRefusal) => new(() =>
    {
        var store = new DictionaryStateStore();
        var verifier = new RecordingVerifier(store) { WritesOnRefusal = writesOnRefusal };
        return new IngestRig(verifier, verifier, store);
    }, IngestPriming.Chain(Seeds), inputsPerRig: 200);

    [Fact]
    public void A_verifier_that_writes_nothing_on_refusal_passes()
    {
        using IngestTarget target = Target(writesOnRefusal: false);
        CampaignResult result = FuzzCampaign.Run(target, Seeds, 5, 3_000);

        Assert.True(result.Exceptions == 0, result.Findings.FirstOrDefault()?.Exception);
        Assert.Contains("Malformed:TopicMismatch", result.Outcomes.Keys);
        Assert.Contains("Malformed:BadMagic", result.Outcomes.Keys);
    }

    [Fact]
    public void A_verifier_that_writes_state_on_refusal_is_caught()
    {
        using IngestTarget target = Target(writesOnRefusal: true);
        CampaignResult result = FuzzCampaign.Run(target, Seeds, 5, 3_000);

        Assert.True(result.Exceptions > 0);
        Assert.Contains("changed device state", result.Findings[0].Exception);
    }
}
