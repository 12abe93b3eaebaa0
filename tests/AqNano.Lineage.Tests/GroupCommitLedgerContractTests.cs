using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class GroupCommitLedgerContractTests : LedgerContractTests
{
    protected override ILedger Open() => new GroupCommitLedger(new SqliteLedger(Folder.File("ledger.db")));
}
