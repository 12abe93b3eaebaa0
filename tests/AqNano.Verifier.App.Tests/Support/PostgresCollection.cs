using AqNano.Lineage.Tests;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>The CLI tests that need PostgreSQL share one throwaway server (tests/AqNano.Lineage.Tests/PostgresServer.cs).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
