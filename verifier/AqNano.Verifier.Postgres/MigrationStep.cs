namespace AqNano.Verifier.Postgres;

/// <summary>One schema step: applied once, in order, and recorded with its version.</summary>
public sealed record MigrationStep(int Version, string Description, string Sql);
