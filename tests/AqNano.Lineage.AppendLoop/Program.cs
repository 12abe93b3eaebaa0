using AqNano.Verifier.Lineage;

// Usage: AqNano.Lineage.AppendLoop LEDGER_FILE MAX_APPENDS [BATCH]
// Prints "appended N" after every Append (or batch) has returned, i.e. after it was acknowledged.
// Stops by itself after MAX_APPENDS records, so a test that fails to kill it cannot leave it running.
if (args.Length < 2 || !long.TryParse(args[1], out long maxAppends))
{
    Console.Error.WriteLine("usage: AqNano.Lineage.AppendLoop LEDGER_FILE MAX_APPENDS [BATCH]");
    return 2;
}
int batch = args.Length > 2 ? int.Parse(args[2]) : 1;
using var ledger = new SqliteLedger(args[0]);
var frame = new byte[166];
for (long i = 0; i < maxAppends; i += batch)
{
    frame[0] = (byte)i;
    var records = new List<PendingRecord>(batch);
    for (int j = 0; j < batch; j++)
    {
        records.Add(new PendingRecord(1_700_000_000_000 + i + j, "frame", (ulong)(i % 7), frame, $"{{\"n\":{i + j}}}"));
    }
    var appended = ledger.AppendBatch(records);
    Console.Out.WriteLine($"appended {appended[^1].Sequence}");
    Console.Out.Flush();
}
return 0;
