using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeviceStateStoreContractTests(PostgresServer server) : DeviceStateStoreContractTests
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    protected override IDeviceStateStore Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresDeviceStateStore(connectionString);
    }

    [SkippableFact]
    public void State_survives_a_reopen()
    {
        using (var store = Open()) store.TrySave(9, new byte[1024], 0);

        using var reopened = Open();
        Assert.True(reopened.TryLoad(9, out var state, out long version));
        Assert.Equal(1024, state.Length);
        Assert.Equal(1, version);
    }

    [SkippableFact]
    public void Two_stores_on_one_database_like_two_workers_cannot_both_win_a_version()
    {
        using var first = Open();
        using var second = Open();
        first.TrySave(9, new byte[] { 1 }, 0);

        Assert.True(first.TrySave(9, new byte[] { 2 }, 1));
        Assert.False(second.TrySave(9, new byte[] { 3 }, 1));
        Assert.True(second.TryLoad(9, out var state, out long version));
        Assert.Equal(new byte[] { 2 }, state);
        Assert.Equal(2, version);
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
