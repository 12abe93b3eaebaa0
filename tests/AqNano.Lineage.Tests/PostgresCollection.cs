namespace AqNano.Lineage.Tests;

/// <summary>Every PostgreSQL test class joins this collection, so one server serves the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
