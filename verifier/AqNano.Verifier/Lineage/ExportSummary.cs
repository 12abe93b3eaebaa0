namespace AqNano.Verifier.Lineage;

/// <summary>What an export wrote: records up to <see cref="HeadSequence"/>, and how many frames it redacted.</summary>
public sealed record ExportSummary(long Records, long WithheldReveals, long WithheldFrames, long HeadSequence);
