using AqNano.Lineage.Tests;

namespace AqNano.Scale.Tests;

/// <summary>Every PostgreSQL test class of this suite joins this collection: one server for the run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "scale-postgres";
}
