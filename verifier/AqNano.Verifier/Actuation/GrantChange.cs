namespace AqNano.Verifier.Actuation;

/// <summary>One change of execution (ledger kind "grant" or "revocation"): from which scope to which, and why.</summary>
public sealed record GrantChange(string Kind, ushort FromScope, ushort ToScope, string Why);
