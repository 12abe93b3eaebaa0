using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class SqliteLedgerContractTests : LedgerContractTests
{
    protected override ILedger Open() => new SqliteLedger(Folder.File("ledger.db"));
}
