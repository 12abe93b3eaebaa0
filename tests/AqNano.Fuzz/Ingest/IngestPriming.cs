using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Ingest;

/// <summary>The ingest target's seeds and the honest traffic a fresh verifier is primed with: the vectors'
/// device chain and a registered witness's chain (<see cref="WitnessChain"/>) reporting it. The last two
/// links of each are kept back from priming, so that unmutated seeds still arrive as next links (and
/// later as duplicates) and their mutations meet a live chain.</summary>
public static class IngestPriming
{
    public const int LinksKeptBack = 2;

    /// <summary>The vectors' frames plus the witness chain: what the mutator starts from for the ingest.</summary>
    public static IReadOnlyList<byte[]> Seeds(IReadOnlyList<byte[]> vectorSeeds) =>
        vectorSeeds.Concat(WitnessChain.Build(DeviceChain(vectorSeeds))).ToList();

    /// <summary>The frames judged, in order, by every fresh verifier before any fuzzed input.</summary>
    public static IReadOnlyList<byte[]> Chain(IReadOnlyList<byte[]> vectorSeeds)
    {
        IReadOnlyList<byte[]> device = DeviceChain(vectorSeeds);
        IReadOnlyList<byte[]> witness = WitnessChain.Build(device);
        return KeepBack(device).Concat(KeepBack(witness)).ToList();
    }

    private static IReadOnlyList<byte[]> DeviceChain(IReadOnlyList<byte[]> seeds) => seeds
        .Where(frame => frame.Length > FrameLayout.KindOffset && frame[FrameLayout.KindOffset] is (byte)FrameKind.Genesis or (byte)FrameKind.Observation)
        .ToList();

    private static IEnumerable<byte[]> KeepBack(IReadOnlyList<byte[]> chain) => chain.Take(Math.Max(1, chain.Count - LinksKeptBack));
}
