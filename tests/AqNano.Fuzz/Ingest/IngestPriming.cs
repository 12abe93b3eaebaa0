using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Ingest;

/// <summary>The honest chain a fresh verifier is primed with: the first Genesis and Observations of the
/// seed corpus, in order, leaving the last two Observations unjudged so that unmutated seeds still
/// arrive as next links (and later as duplicates).</summary>
public static class IngestPriming
{
    public const int LinksKeptBack = 2;

    public static IReadOnlyList<byte[]> Chain(IReadOnlyList<byte[]> seeds)
    {
        var chain = seeds.Where(frame => frame.Length > FrameLayout.KindOffset
            && frame[FrameLayout.KindOffset] is (byte)FrameKind.Genesis or (byte)FrameKind.Observation).ToList();
        return chain.Take(Math.Max(1, chain.Count - LinksKeptBack)).ToList();
    }
}
