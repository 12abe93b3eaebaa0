using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class InMemoryLedgerTests : LedgerContractTests
{
    protected override ILedger Open() => new InMemoryLedger();
}
