using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Targets;
using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Tests;

/// <summary>The CI smoke of the parser campaign (issue 7: "a CI smoke of a smaller count"): 50,000
/// seeded inputs, no exception, every invariant of <see cref="ParserTarget"/> held.</summary>
public class ParserSmokeTests
{
    private const long SmokeInputs = 50_000;

    [Theory]
    [InlineData(1)]
    [InlineData(20261128)]
    public void Fifty_thousand_mutated_frames_break_no_parser_invariant(int seed)
    {
        CampaignResult result = FuzzCampaign.Run(new ParserFuzzTarget(), SeedCorpus.Load(), seed, SmokeInputs);

        Assert.True(result.Exceptions == 0, result.Findings.Count == 0 ? "no finding kept" : result.Findings[0].Exception);
        Assert.Equal(SmokeInputs, result.Outcomes.Values.Sum());
    }

    [Fact]
    public void The_smoke_reaches_acceptance_and_every_refusal_a_byte_string_can_cause()
    {
        CampaignResult result = FuzzCampaign.Run(new ParserFuzzTarget(), SeedCorpus.Load(), 1, SmokeInputs);

        // BufferOutOfRange is about the (offset, length) window, not the bytes: ParserTarget checks it per input.
        var reachable = Enum.GetValues<FrameRejection>()
            .Where(reason => reason is not FrameRejection.None and not FrameRejection.BufferOutOfRange)
            .Select(reason => "Malformed:" + reason)
            .ToList();
        string[] missed = reachable.Except(result.Outcomes.Keys).ToArray();
        Assert.True(missed.Length == 0, "never reached: " + string.Join(", ", missed));
        Assert.True(result.Outcomes["accepted"] > SmokeInputs / 20, $"only {result.Outcomes["accepted"]} inputs parsed: the mutator no longer keeps frames valid often enough to test re-encoding");
    }
}
