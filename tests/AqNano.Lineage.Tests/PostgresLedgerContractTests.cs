using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerContractTests(PostgresServer server) : PersistentLedgerContractTests
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    protected override ILedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresLedger(connectionString);
    }
}
