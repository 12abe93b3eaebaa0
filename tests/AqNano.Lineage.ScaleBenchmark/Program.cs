using System.Diagnostics;
using AqNano.Lineage.ScaleBenchmark;
using AqNano.Lineage.Tests;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;

// Usage: [seconds per run, default 4] [rounds, default 2] [a SQLite ledger to size records from, optional]
double seconds = args.Length > 0 ? double.Parse(args[0]) : 4;
int rounds = args.Length > 1 ? int.Parse(args[1]) : 2;
string? sample = args.Length > 2 ? args[2] : null;

using var server = new PostgresServer();
if (server.SkipReason is not null)
{
    Console.Error.WriteLine(server.SkipReason);
    return 2;
}
Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"{seconds} s per run; each append is one AppendBatch of 2 records (a judged frame)");
int[] writerCounts = [1, 2, 4];
var duration = TimeSpan.FromSeconds(seconds);
for (int round = 1; round <= rounds; round++)
{
    foreach (int writers in writerCounts)
    {
        double global = Measure(writers, cs => new PostgresLedger(cs), writer => (ulong)writer + 1);
        double partitioned = Measure(writers, cs => new PostgresPartitionedLedger(cs), writer => PartitionDevices(writer));
        Console.WriteLine($"round {round}, {writers} writer(s): global chain {global,8:F0} records/s, partitioned {partitioned,8:F0} records/s");
    }
}
MeasureAnchors();
if (sample is not null) SizeRecords(sample);
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

double Measure(int writers, Func<string, ILedger> open, Func<int, ulong> deviceOf)
{
    string schema = server.NewSchema();
    var ledgers = Enumerable.Range(0, writers).Select(_ => open(schema)).ToList();
    try
    {
        WriterRun.RecordsPerSecond(ledgers, deviceOf, TimeSpan.FromSeconds(0.5));
        double rate = WriterRun.RecordsPerSecond(ledgers, deviceOf, duration);
        if (ledgers[0].Verify() is { } bad) throw new InvalidOperationException($"ledger broken at {bad}");
        return rate;
    }
    finally
    {
        ledgers.ForEach(ledger => ledger.Dispose());
    }
}

// A device in partition 'writer': writers on different partitions, as workers owning different leases are.
static ulong PartitionDevices(int writer)
{
    for (ulong id = 1; ; id++) if (DevicePartitions.Of(id, DevicePartitions.DefaultCount) == writer) return id;
}

void MeasureAnchors()
{
    using var ledger = new PostgresPartitionedLedger(server.NewSchema());
    for (int partition = 0; partition < DevicePartitions.DefaultCount; partition++) ledger.AppendBatch(JudgedFrame.Records(PartitionDevices(partition), 0));
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < 50; i++) ledger.AnchorNow(i);
    Console.WriteLine($"AnchorNow with 64 non-empty partitions: {clock.Elapsed.TotalMilliseconds / 50:F1} ms each (50 in a row); anchor detail {ledger.Read().Last().Detail.Length} bytes");
}

// Copies a real ledger (a replayed honest fleet) into the partitioned ledger and reports what a record costs.
void SizeRecords(string path)
{
    string schema = server.NewSchema();
    using var source = new SqliteLedger(path, new SqliteLedgerOptions { ReadOnly = true });
    using var target = new PostgresPartitionedLedger(schema);
    long records = 0, frames = 0, fieldBytes = 0;
    var batch = new List<PendingRecord>();
    foreach (var entry in source.Read())
    {
        records++;
        if (entry.Kind == "frame") frames++;
        fieldBytes += 8 + 8 + System.Text.Encoding.UTF8.GetByteCount(entry.Kind) + 8 + entry.Frame.Length + System.Text.Encoding.UTF8.GetByteCount(entry.Detail) + 64;
        batch.Add(new PendingRecord(entry.TimeUnixMs, entry.Kind, entry.DeviceId, entry.Frame, entry.Detail));
        if (batch.Count == 100) { target.AppendBatch(batch); batch.Clear(); }
    }
    if (batch.Count > 0) target.AppendBatch(batch);
    server.Execute("VACUUM ANALYZE partition_ledger", schema);
    long onDisk = Convert.ToInt64(server.Scalar("SELECT pg_total_relation_size('partition_ledger')", schema));
    long table = Convert.ToInt64(server.Scalar("SELECT pg_relation_size('partition_ledger') + coalesce(pg_relation_size(reltoastrelid), 0) FROM pg_class WHERE oid = 'partition_ledger'::regclass", schema));
    Console.WriteLine($"sample {path}: {records} records, {frames} frame records ({(double)records / frames:F2} records per frame record)");
    Console.WriteLine($"mean record fields {(double)fieldBytes / records:F0} B; in PostgreSQL {(double)onDisk / records:F0} B per record with indexes ({(double)table / records:F0} B table alone)");
}
