using System.Diagnostics;
using AqNano.Lineage.ScaleBenchmark;
using AqNano.Lineage.Tests;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;

// Usage: [seconds per run, default 4] [rounds, default 2] [a SQLite ledger to size records from, optional]
//    or: joint [seconds per run, default 4] [rounds, default 3]   (joint commit against two commits only)
bool jointOnly = args.Length > 0 && args[0] == "joint";
if (jointOnly) args = args[1..];
double seconds = args.Length > 0 ? double.Parse(args[0]) : 4;
int rounds = args.Length > 1 ? int.Parse(args[1]) : jointOnly ? 3 : 2;
string? sample = args.Length > 2 ? args[2] : null;

using var server = new PostgresServer();
if (server.SkipReason is not null)
{
    Console.Error.WriteLine(server.SkipReason);
    return 2;
}
Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
if (jointOnly)
{
    MeasureJoint();
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    return 0;
}
Console.WriteLine($"{seconds} s per run; a commit is one judged frame (2 records), or 50 of them (100 records) as group commit makes under load");
int[] writerCounts = [1, 2, 4];
var duration = TimeSpan.FromSeconds(seconds);
for (int round = 1; round <= rounds; round++)
{
    foreach (int framesPerCommit in new[] { 1, 50 })
    {
        foreach (int writers in writerCounts)
        {
            var batchOf = Batches(writers, framesPerCommit);
            double global = Measure(writers, cs => new PostgresLedger(cs), batchOf);
            double partitioned = Measure(writers, cs => new PostgresPartitionedLedger(cs), batchOf);
            Console.WriteLine($"round {round}, {framesPerCommit,2} frame(s) per commit, {writers} writer(s): global chain {global,8:F0} records/s, partitioned {partitioned,8:F0} records/s");
        }
    }
}
MeasureAnchors();
SizeDeviceState();
if (sample is not null) SizeRecords(sample);
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

double Measure(int writers, Func<string, ILedger> open, Func<int, int, IReadOnlyList<PendingRecord>> batchOf)
{
    string schema = server.NewSchema();
    var ledgers = Enumerable.Range(0, writers).Select(_ => open(schema)).ToList();
    try
    {
        WriterRun.RecordsPerSecond(ledgers, batchOf, TimeSpan.FromSeconds(0.5));
        double rate = WriterRun.RecordsPerSecond(ledgers, batchOf, duration);
        if (ledgers[0].Verify() is { } bad) throw new InvalidOperationException($"ledger broken at {bad}");
        return rate;
    }
    finally
    {
        ledgers.ForEach(ledger => ledger.Dispose());
    }
}

// Writer w of W owns partitions w, w + W, w + 2W, ... as a worker owns the partitions it holds leases on;
// frame i of a commit comes from a device of its i-th owned partition (round-robin).
static Func<int, int, IReadOnlyList<PendingRecord>> Batches(int writers, int framesPerCommit)
{
    int owned = DevicePartitions.DefaultCount / writers;
    var devices = Enumerable.Range(0, writers)
        .Select(writer => Enumerable.Range(0, owned).Select(i => PartitionDevices(writer + i * writers)).ToArray()).ToArray();
    return (writer, n) => Enumerable.Range(0, framesPerCommit)
        .SelectMany(i => JudgedFrame.Records(devices[writer][(n * framesPerCommit + i) % owned], n)).ToList();
}

// The first device id in a partition.
static ulong PartitionDevices(int partition)
{
    for (ulong id = 1; ; id++) if (DevicePartitions.Of(id, DevicePartitions.DefaultCount) == partition) return id;
}

// Records and state in one commit against the former two, alternating within each round so that both see the same load.
void MeasureJoint()
{
    var duration = TimeSpan.FromSeconds(seconds);
    Console.WriteLine($"{seconds} s per run; 8 threads through one group commit, each judgement 2 records + a 995-byte state");
    for (int round = 1; round <= rounds; round++)
    {
        double joint = Judged(joint: true);
        double twoCommits = Judged(joint: false);
        Console.WriteLine($"round {round}: joint {joint,7:F0} judgements/s, two commits {twoCommits,7:F0} judgements/s, ratio {joint / twoCommits:F2}; load {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    double Judged(bool joint)
    {
        string schema = server.NewSchema();
        using var partitioned = new PostgresPartitionedLedger(schema);
        using var ownStore = joint ? null : new PostgresDeviceStateStore(schema);
        AqNano.Verifier.Stores.IDeviceStateStore store = joint ? partitioned.KeepDeviceState() : ownStore!;
        var ledger = new GroupCommitLedger(partitioned);
        JointRun.JudgementsPerSecond(ledger, store, joint, 8, TimeSpan.FromSeconds(0.5));
        double rate = JointRun.JudgementsPerSecond(ledger, store, joint, 8, duration);
        if (partitioned.Verify() is { } bad) throw new InvalidOperationException($"ledger broken at {bad}");
        return rate;
    }
}

void MeasureAnchors()
{
    using var ledger = new PostgresPartitionedLedger(server.NewSchema());
    for (int partition = 0; partition < DevicePartitions.DefaultCount; partition++) ledger.AppendBatch(JudgedFrame.Records(PartitionDevices(partition), 0));
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < 50; i++) ledger.AnchorNow(i);
    Console.WriteLine($"AnchorNow with 64 non-empty partitions: {clock.Elapsed.TotalMilliseconds / 50:F1} ms each (50 in a row); anchor detail {ledger.Read().Last().Detail.Length} bytes");
}

// What one device's state costs in PostgreSQL: 5,000 states of the verifier's fixed 995 bytes (DeviceStateCodec.Size,
// docs/PERFORMANCE-VERIFIER.md), random as real state is, with the table's index and row overhead.
void SizeDeviceState()
{
    const int devices = 5_000, stateBytes = 995;
    string schema = server.NewSchema();
    using var store = new PostgresDeviceStateStore(schema);
    var random = new Random(8);
    var state = new byte[stateBytes];
    for (ulong device = 1; device <= devices; device++)
    {
        random.NextBytes(state);
        if (!store.TrySave(device, state, 0)) throw new InvalidOperationException("a first save was refused");
    }
    server.Execute("VACUUM ANALYZE device_state", schema);
    long onDisk = Convert.ToInt64(server.Scalar("SELECT pg_total_relation_size('device_state')", schema));
    Console.WriteLine($"device state: {devices} x {stateBytes} B in PostgreSQL take {(double)onDisk / devices:F0} B per device with the index");
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
