using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

/// <summary>The ledger contract on the partitioned ledger with the default 64 partitions: chains are
/// per partition, so a record's PreviousHash is the one before it in its partition.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartitionedLedgerContractTests(PostgresServer server) : PersistentLedgerContractTests
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    protected override ILedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresPartitionedLedger(connectionString);
    }

    protected override bool SameChain(ulong deviceA, ulong deviceB)
        => DevicePartitions.Of(deviceA, DevicePartitions.DefaultCount) == DevicePartitions.Of(deviceB, DevicePartitions.DefaultCount);
}
