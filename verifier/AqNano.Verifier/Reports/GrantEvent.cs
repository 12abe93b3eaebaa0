namespace AqNano.Verifier.Reports;

/// <summary>A "grant", "revocation" or "operator" record: a change of what a device may do, and why.</summary>
public sealed record GrantEvent(long Sequence, long TimeUnixMs, string Kind, string Change, string Why);
