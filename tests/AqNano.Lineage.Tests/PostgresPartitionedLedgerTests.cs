using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;
using Npgsql;

namespace AqNano.Lineage.Tests;

/// <summary>The partitioned ledger across workers (DESIGN.md "Scale"): several ledger instances (each its
/// own connections, as worker processes have) writing different partitions and the same one, batches
/// spanning partitions, anchors, and the partition count fixed on first write.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartitionedLedgerTests(PostgresServer server)
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    [SkippableFact]
    public void Workers_on_different_partitions_each_keep_their_own_unbroken_chain()
    {
        var workers = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        try
        {
            Parallel.For(0, workers.Count, worker =>
            {
                ulong device = PartitionDevices.In(10 + worker);
                for (int i = 0; i < 30; i++)
                {
                    if (i % 10 == 0) workers[worker].AppendBatch([SampleRecords.Numbered(i, device), SampleRecords.Numbered(i + 1, device)]);
                    else workers[worker].Append(i, "frame", device, new byte[] { (byte)i }, "{}");
                }
            });

            var verification = workers[0].VerifyAll();
            Assert.True(verification.Verified, verification.Problem);
            Assert.Equal(4 * 33, verification.RecordsChecked);
            Assert.Equal(4, verification.PartitionsUsed);
            Assert.All(Enumerable.Range(0, 4), worker => Assert.Equal(33, workers[1].ReadDevice(PartitionDevices.In(10 + worker)).Count()));
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }
    }

    [SkippableFact]
    public void Workers_on_the_same_partition_keep_one_chain_there()
    {
        var workers = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        try
        {
            Parallel.For(0, workers.Count, worker =>
            {
                for (int i = 0; i < 25; i++) workers[worker].Append(i, "frame", PartitionDevices.In(7, worker), new byte[] { (byte)i }, "{}");
            });

            var records = workers[0].Read().ToList();
            Assert.Equal(100, records.Count);
            Assert.All(records, record => Assert.Equal(7, DevicePartitions.Of(record.DeviceId, DevicePartitions.DefaultCount)));
            Assert.Equal(new byte[32], records[0].PreviousHash);
            Assert.All(records.Skip(1).Zip(records), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
            Assert.Null(workers[2].Verify());
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }
    }

    [SkippableFact]
    public void A_writer_holding_one_partition_holds_back_only_that_partition()
    {
        using var ledger = Open();
        ulong inOne = PartitionDevices.In(1), inTwo = PartitionDevices.In(2);
        var first = ledger.Append(1, "frame", inOne, [], "{}");
        using var holder = new NpgsqlConnection(connectionString);
        holder.Open();
        var inFlight = holder.BeginTransaction();
        using (var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock('partition_ledger'::regclass::oid::int, 1)", holder, inFlight)) hold.ExecuteNonQuery();

        var meanwhile = Task.Run(() => ledger.Append(2, "frame", inTwo, [], "{}"));
        Assert.True(meanwhile.Wait(TimeSpan.FromSeconds(60)), "an append to partition 2 waited for partition 1's lock");
        var queued = Task.Run(() => ledger.Append(3, "frame", inOne, [], "{}"));
        WaitUntil(() => WaitersOnPartition(1) == 1);
        Assert.False(queued.IsCompleted);
        inFlight.Rollback();

        Assert.True(queued.Wait(TimeSpan.FromSeconds(60)));
        Assert.Equal(first.Hash, queued.Result.PreviousHash);
        Assert.Equal(new byte[32], meanwhile.Result.PreviousHash);
        Assert.Null(ledger.Verify());
    }

    [SkippableFact]
    public void A_batch_across_partitions_is_written_whole_or_not_at_all()
    {
        using var ledger = Open();
        ulong a = PartitionDevices.In(3), b = PartitionDevices.In(4), c = PartitionDevices.In(5);
        var heads = ledger.AppendBatch([SampleRecords.Numbered(1, a), SampleRecords.Numbered(2, b)]);
        PendingRecord Bad() => new(3, "frame", c, new byte[] { 1 }, "{\"a\":\"\0\"}");

        Assert.Throws<LedgerWriteException>(() => ledger.AppendBatch([SampleRecords.Numbered(3, a), SampleRecords.Numbered(4, b), Bad()]));
        Assert.Equal(2, ledger.Read().Count());
        var batch = ledger.AppendBatch([SampleRecords.Numbered(5, a), SampleRecords.Numbered(6, b), SampleRecords.Numbered(7, a), SampleRecords.Numbered(8, c)]);

        Assert.Equal(heads[0].Hash, batch[0].PreviousHash);
        Assert.Equal(heads[1].Hash, batch[1].PreviousHash);
        Assert.Equal(batch[0].Hash, batch[2].PreviousHash);
        Assert.Equal(new byte[32], batch[3].PreviousHash);
        Assert.True(batch.Zip(batch.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal(6, ledger.Read().Count());
        Assert.Null(ledger.Verify());
    }

    [SkippableFact]
    public void An_anchor_holds_every_partitions_head_and_the_previous_anchors_hash()
    {
        using var ledger = Open();
        ulong a = PartitionDevices.In(0), b = PartitionDevices.In(63), c = PartitionDevices.In(30);
        SampleRecords.AppendNumbered(ledger, 3, a);
        var headB = ledger.AppendBatch([SampleRecords.Numbered(1, b), SampleRecords.Numbered(2, b)])[^1];
        long first = ledger.AnchorNow(100);
        var headA = ledger.Append(4, "frame", a, [], "{}");
        var headC = ledger.Append(5, "frame", c, [], "{}");
        long second = ledger.AnchorNow(200);

        var anchors = ledger.ReadDevice(0).Where(record => record.Kind == PartitionAnchor.Kind).ToList();
        Assert.Equal(new[] { first, second }, anchors.Select(anchor => anchor.Sequence));
        Assert.Equal(new byte[32], anchors[0].PreviousHash);
        Assert.Equal(anchors[0].Hash, anchors[1].PreviousHash);
        Assert.True(PartitionAnchor.TryParse(anchors[1].Detail, out int count, out var listed, out _));
        Assert.Equal(64, count);
        Assert.Equal(new[] { (0, headA.Sequence), (30, headC.Sequence), (63, headB.Sequence) }, listed.Select(head => (head.Partition, head.Sequence)));
        Assert.Equal(headC.Hash, listed[1].Hash);
        var verification = ledger.VerifyAll();
        Assert.True(verification.Verified, verification.Problem);
        Assert.Equal((2, second, 0), (verification.Anchors, verification.LastAnchorSequence, verification.RecordsAfterLastAnchor));
        Assert.Equal(Convert.ToHexStringLower(anchors[1].Hash), verification.LastAnchorHashHex);
        ledger.Append(6, "frame", c, [], "{}");
        Assert.Equal(1, ledger.VerifyAll().RecordsAfterLastAnchor);
    }

    [SkippableFact]
    public void Anchors_from_several_workers_during_appends_all_verify()
    {
        var workers = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        try
        {
            Parallel.For(0, 6, task =>
            {
                var worker = workers[task % 3];
                if (task < 3) for (int i = 0; i < 5; i++) worker.AnchorNow(i);
                else for (int i = 0; i < 20; i++) worker.Append(i, "frame", PartitionDevices.In(task * 5 + i % 3), [], "{}");
            });

            var verification = workers[0].VerifyAll();
            Assert.True(verification.Verified, verification.Problem);
            Assert.Equal(15, verification.Anchors);
            Assert.Equal(15 + 60, verification.RecordsChecked);
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }
    }

    [SkippableFact]
    public void A_worker_with_another_partition_count_is_refused_before_writing()
    {
        using (var ledger = Open()) ledger.Append(1, "frame", 9, [], "{}");

        var refusal = Assert.Throws<InvalidOperationException>(() => new PostgresPartitionedLedger(connectionString, 32));

        Assert.Contains("written with 64 partitions, not 32", refusal.Message);
        using var reopened = Open();
        Assert.Single(reopened.Read());
    }

    [SkippableFact]
    public void The_anchor_kind_is_reserved_for_the_anchor_chain()
    {
        using var ledger = Open();

        Assert.Throws<ArgumentException>(() => ledger.Append(1, PartitionAnchor.Kind, 9, [], "{}"));

        Assert.Empty(ledger.Read());
    }

    [SkippableFact]
    public void Opening_for_an_audit_refuses_an_empty_database_and_writes_nothing()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);

        var refusal = Assert.Throws<InvalidOperationException>(() => PostgresPartitionedLedger.OpenExisting(connectionString));

        Assert.Contains("no partitioned ledger here (schema version 0", refusal.Message);
        Assert.Equal(false, server.Scalar("SELECT to_regclass('aqnano_schema_version') IS NOT NULL", connectionString));
        string nowhere = $"Host=127.0.0.1;Port={server.Port};Username=aqnano;Database=no_such_database;Timeout=5";
        Assert.Throws<LedgerWriteException>(() => PostgresPartitionedLedger.OpenExisting(nowhere));
    }

    private PostgresPartitionedLedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresPartitionedLedger(connectionString);
    }

    private long WaitersOnPartition(int partition)
        => Convert.ToInt64(server.Scalar($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = {partition} AND objsubid = 2", connectionString));

    /// <summary>Polls a condition the test needs before it goes on; the deadline only stops a broken build from hanging.</summary>
    private static void WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++) Thread.Sleep(20);
        Assert.True(condition());
    }
}
