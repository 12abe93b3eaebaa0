using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeviceStateStoreContractTests(PostgresServer server) : PersistentDeviceStateStoreContractTests
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    protected override IDeviceStateStore Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresDeviceStateStore(connectionString);
    }

    [SkippableFact]
    public void A_read_only_database_refuses_a_save_with_a_typed_error_and_keeps_the_state()
    {
        using (var store = Open()) store.TrySave(9, new byte[] { 1 }, 0);

        using var readOnly = new PostgresDeviceStateStore(connectionString + ";Options=-c default_transaction_read_only=on");

        Assert.Throws<LedgerReadOnlyException>(() => readOnly.TrySave(9, new byte[] { 2 }, 1));
        Assert.True(readOnly.TryLoad(9, out var state, out long version));
        Assert.Equal(new byte[] { 1 }, state);
        Assert.Equal(1, version);
    }
}
