using AqNano.Verifier.Lineage;

// A child process for the lineage tests (CrashSafetyTests, DiskFullTests):
//   loop LEDGER MAX [BATCH]  append MAX records (BATCH per commit), printing "appended N" after each
//                            commit returned, i.e. was acknowledged; stops by itself at MAX
//   fill LEDGER              append 1.5 KB records until the ledger refuses; print "acknowledged N",
//                            the refusal's type, and "verify ok" or "verify failed at N"
//   append LEDGER COUNT      append COUNT records; print "acknowledged N" and the verify result,
//                            or the typed refusal
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: AqNano.Lineage.AppendLoop loop|fill|append LEDGER [...]");
    return 2;
}
string mode = args[0], path = args[1];
var frame = new byte[1500];
try
{
    using var ledger = new SqliteLedger(path);
    switch (mode)
    {
        case "loop":
            long max = long.Parse(args[2]);
            int batch = args.Length > 3 ? int.Parse(args[3]) : 1;
            for (long i = 0; i < max; i += batch)
            {
                var records = Enumerable.Range(0, batch)
                    .Select(j => new PendingRecord(1_700_000_000_000 + i + j, "frame", (ulong)(i % 7), frame.AsMemory(0, 166), $"{{\"n\":{i + j}}}"))
                    .ToList();
                Console.Out.WriteLine($"appended {ledger.AppendBatch(records)[^1].Sequence}");
                Console.Out.Flush();
            }
            return 0;
        case "fill":
            try
            {
                for (int i = 0; i < 1_000_000; i++) ledger.Append(i, "refusal", 5, frame, "{}");
                Console.Out.WriteLine("never refused");
            }
            catch (LedgerWriteException refusal)
            {
                Console.Out.WriteLine($"acknowledged {ledger.LastSequence}");
                Console.Out.WriteLine($"refused {refusal.GetType().Name}");
            }
            break;
        case "append":
            for (int i = 0; i < int.Parse(args[2]); i++) ledger.Append(i, "frame", 5, frame.AsSpan(0, 166), "{}");
            Console.Out.WriteLine($"acknowledged {ledger.LastSequence}");
            break;
        default:
            Console.Error.WriteLine($"unknown mode {mode}");
            return 2;
    }
    long? bad = ledger.Verify();
    Console.Out.WriteLine(bad is null ? "verify ok" : $"verify failed at {bad}");
    return 0;
}
catch (LedgerWriteException refusal)
{
    Console.Out.WriteLine($"refused {refusal.GetType().Name}: {refusal.Message}");
    return 3;
}
