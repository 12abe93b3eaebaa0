using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Ingest;
using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Tests;

/// <summary>The ingest priming takes only genuine links: the vectors' invalid frames must not get in.</summary>
public class HonestChainsTests
{
    [Fact]
    public void The_reference_chain_is_found_whole()
    {
        IReadOnlyList<IReadOnlyList<byte[]>> chains = HonestChains.Find(ReferenceSeeds.Load());

        IReadOnlyList<byte[]> chain = Assert.Single(chains);
        Assert.Equal([1, 2, 2, 2, 2, 2], chain.Select(frame => (int)frame[FrameLayout.KindOffset]));
    }

    [Fact]
    public void Every_chain_found_among_all_seeds_starts_at_a_genesis_and_counts_up_by_one()
    {
        var frame = new Frame();
        IReadOnlyList<IReadOnlyList<byte[]>> chains = HonestChains.Find(SeedCorpus.Load());

        Assert.True(chains.Count >= 2, $"{chains.Count} chains");
        foreach (IReadOnlyList<byte[]> chain in chains)
        {
            for (int i = 0; i < chain.Count; i++)
            {
                Assert.True(FrameCodec.TryParse(chain[i], 0, chain[i].Length, frame, out _));
                Assert.Equal((uint)i, frame.Seq);
                Assert.Equal(i == 0, frame.Kind == FrameKind.Genesis);
            }
        }
    }

    [Fact]
    public void A_link_whose_reveal_does_not_open_the_commitment_is_left_out()
    {
        List<byte[]> seeds = ReferenceSeeds.Load().Select(frame => frame.ToArray()).ToList();
        seeds[2][FrameLayout.ChainRevealOffset(Features.AllMask)] ^= 1; // Observation 2's reveal

        Assert.Equal(2, HonestChains.Find(seeds).Single().Count);
    }
}
