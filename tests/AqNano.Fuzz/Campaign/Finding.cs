namespace AqNano.Fuzz.Campaign;

/// <summary>An input that made a target throw: its index in the campaign, its bytes, and what was thrown.</summary>
public sealed record Finding(long Index, byte[] Input, string Exception);
