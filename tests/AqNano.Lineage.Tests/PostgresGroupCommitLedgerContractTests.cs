using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

/// <summary>GroupCommitLedger over PostgreSQL: concurrent appends share one transaction.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitLedgerContractTests(PostgresServer server) : LedgerContractTests
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    protected override ILedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new GroupCommitLedger(new PostgresLedger(connectionString));
    }
}
