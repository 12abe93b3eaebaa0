using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Ingest;

/// <summary>The ingest target's seeds and the honest traffic a fresh verifier is primed with: every genuine
/// chain among the vectors' frames (<see cref="HonestChains"/>) and a registered witness's chain
/// (<see cref="WitnessChain"/>) reporting their Observations. The last two links of each chain are kept back
/// from priming, so that unmutated seeds still arrive as next links (and later as duplicates) and their
/// mutations meet a live chain.</summary>
public static class IngestPriming
{
    public const int LinksKeptBack = 2;

    /// <summary>The vectors' frames plus the witness chain: what the mutator starts from for the ingest.</summary>
    public static IReadOnlyList<byte[]> Seeds(IReadOnlyList<byte[]> vectorSeeds) =>
        vectorSeeds.Concat(WitnessChain.Build(Observations(vectorSeeds))).ToList();

    /// <summary>The frames judged, in order, by every fresh verifier before any fuzzed input.</summary>
    public static IReadOnlyList<byte[]> Chain(IReadOnlyList<byte[]> vectorSeeds)
    {
        var priming = new List<byte[]>();
        foreach (IReadOnlyList<byte[]> chain in HonestChains.Find(vectorSeeds)) priming.AddRange(KeepBack(chain));
        priming.AddRange(KeepBack(WitnessChain.Build(Observations(vectorSeeds))));
        return priming;
    }

    /// <summary>The Observations the witness reports: those of the honest chains that get primed.</summary>
    private static IReadOnlyList<byte[]> Observations(IReadOnlyList<byte[]> vectorSeeds) => HonestChains.Find(vectorSeeds)
        .SelectMany(KeepBack)
        .Where(frame => frame[FrameLayout.KindOffset] == (byte)FrameKind.Observation)
        .ToList();

    private static IEnumerable<byte[]> KeepBack(IReadOnlyList<byte[]> chain) => chain.Take(Math.Max(1, chain.Count - LinksKeptBack));
}
