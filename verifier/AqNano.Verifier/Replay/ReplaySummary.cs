namespace AqNano.Verifier.Replay;

/// <summary>What a replay did: lines read, frames judged, bad lines skipped.</summary>
public sealed record ReplaySummary(int Lines, int Judged, int BadLines);
