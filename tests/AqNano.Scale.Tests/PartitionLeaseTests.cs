using System.Text.Json;
using AqNano.Lineage.Tests;
using AqNano.Verifier;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.App.Workers;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Postgres;

namespace AqNano.Scale.Tests;

/// <summary>Partition leases and the worker's lease rounds on a real PostgreSQL (issue 8 item 2): fair shares,
/// rebalancing on join, takeover of a dead worker's partitions after the TTL with a larger fencing token and
/// replay of the kept frames, and a worker that cannot renew stops judging on its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PartitionLeaseTests(PostgresServer server)
{
    private static void NoPartitionTwice(params WorkerHarness[] workers)
    {
        var all = workers.SelectMany(w => w.Held()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [SkippableFact]
    public async Task Leases_go_to_fair_shares_and_rebalance_when_workers_join()
    {
        string schema = server.NewSchema();
        await using var a = new WorkerHarness(schema, WorkerHarness.Options8("a"));
        await using var b = new WorkerHarness(schema, WorkerHarness.Options8("b"));
        await using var c = new WorkerHarness(schema, WorkerHarness.Options8("c"));

        a.Worker.RunRound();
        Assert.Equal(8, a.Held().Count); // alone: the whole fleet
        b.Worker.RunRound();
        Assert.Empty(b.Held()); // nothing free yet
        a.Worker.RunRound();
        Assert.Equal([0, 1, 2, 3], a.Held()); // gives back its extras
        b.Worker.RunRound();
        Assert.Equal([4, 5, 6, 7], b.Held());
        NoPartitionTwice(a, b);

        c.Worker.RunRound();
        a.Worker.RunRound();
        b.Worker.RunRound();
        c.Worker.RunRound();
        Assert.Equal([3, 3, 2], new[] { a.Held().Count, b.Held().Count, c.Held().Count }); // ceil(8 / 3) = 3
        NoPartitionTwice(a, b, c);
        var owners = a.Leases.Snapshot();
        Assert.All(owners, row => Assert.NotNull(row.Owner));
        Assert.Equal(3, a.Metrics.OwnedPartitions);
    }

    [SkippableFact]
    public async Task A_dead_workers_partitions_move_after_the_ttl_and_its_unjudged_frames_are_replayed_in_order()
    {
        string schema = server.NewSchema();
        await using var a = new WorkerHarness(schema, WorkerHarness.Options8("a"));
        await using var b = new WorkerHarness(schema, WorkerHarness.Options8("b"));
        a.Worker.RunRound();
        b.Worker.RunRound();
        a.Worker.RunRound();
        b.Worker.RunRound();
        await a.ReplayedAsync();
        await b.ReplayedAsync();
        var board = Enumerable.Range(7200, 100).Select(seed => new TestBoard(seed)).First(t => a.Held().Contains(DevicePartitions.Of(t.DeviceId, 8)));
        int partition = DevicePartitions.Of(board.DeviceId, 8);
        long tokenBefore = a.Leases.Snapshot().Single(r => r.Partition == partition).Token;

        // Both workers receive every frame, as from the broker; a owns the partition and judges, b keeps.
        var frames = Enumerable.Range(0, 8).Select(_ => board.NextFrame()).ToArray();
        for (int i = 0; i < 5; i++)
        {
            a.Router.Receive(board.ObsTopic, frames[i]);
            b.Router.Receive(board.ObsTopic, frames[i]);
        }
        // a dies (no more rounds, nothing received); the broker goes on delivering to b.
        for (int i = 5; i < 8; i++) b.Router.Receive(board.ObsTopic, frames[i]);
        Assert.Equal(5, FrameRecords(b.Ledger, board.DeviceId).Count);

        await b.RoundsUntilAsync(() => b.Held().Count == 8, "taking the dead worker's partitions");
        await b.ReplayedAsync();
        Assert.True(b.Leases.Snapshot().Single(r => r.Partition == partition).Token > tokenBefore);

        var records = FrameRecords(b.Ledger, board.DeviceId);
        Assert.Equal(Enumerable.Range(0, 8).Select(s => (uint)s), records.Select(r => r.Seq));
        Assert.Equal(["genesis", "next", "next", "next", "next", "next", "next", "next"], records.Select(r => r.Verdict));
        Assert.DoesNotContain(b.Ledger.ReadDevice(board.DeviceId), e => e.Kind == "refusal");
        Assert.Equal(3, b.Metrics.FramesReplayed - 4); // frames 1-4 replayed as ignored duplicates, 5-7 as links
        Assert.Equal(7u, b.Verifier.Device(board.DeviceId)!.LastSeq);
        Assert.Contains(b.Decisions, d => d.DeviceId == board.DeviceId);
        Assert.Null(b.Ledger.Verify());

        // a comes back to life: its first round finds its leases gone and forgets the devices it cached.
        a.Worker.RunRound();
        Assert.DoesNotContain(partition, a.Held());
        Assert.Null(a.Verifier.Device(board.DeviceId));
    }

    [SkippableFact]
    public async Task A_worker_that_cannot_renew_stops_judging_before_its_lease_can_expire()
    {
        string schema = server.NewSchema();
        await using var a = new WorkerHarness(schema, WorkerHarness.Options8("a"));
        a.Worker.RunRound();
        await a.ReplayedAsync();
        var board = new TestBoard(7301);
        a.Router.Receive(board.ObsTopic, board.NextFrame());
        Assert.Single(FrameRecords(a.Ledger, board.DeviceId));

        // No renewal: the local deadline (TTL minus one renewal period) passes before the server's expiry.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (a.Held().Count > 0) { Assert.True(DateTime.UtcNow < deadline, "still holding"); await Task.Delay(50); }
        a.Router.Receive(board.ObsTopic, board.NextFrame());
        Assert.Single(FrameRecords(a.Ledger, board.DeviceId)); // kept, not judged
    }

    [SkippableFact]
    public void Workers_must_agree_on_the_partition_count()
    {
        string schema = server.NewSchema();
        using var first = new PartitionLeases(schema, "a", 8, TimeSpan.FromSeconds(10));
        var refused = Assert.Throws<InvalidOperationException>(() => new PartitionLeases(schema, "b", 16, TimeSpan.FromSeconds(10)));
        Assert.Contains("--partitions 8", refused.Message);
    }

    [SkippableFact]
    public void A_worker_restarted_under_the_same_id_gives_back_what_it_held_and_takes_it_under_new_tokens()
    {
        string schema = server.NewSchema();
        using var before = new PartitionLeases(schema, "a", 4, TimeSpan.FromSeconds(30));
        before.Renew([]);
        Assert.Equal(4, before.Acquire(4).Count);
        Assert.All(before.Snapshot(), r => Assert.Equal(1, r.Token));

        using var after = new PartitionLeases(schema, "a", 4, TimeSpan.FromSeconds(30));
        var renewal = after.Renew([]); // holds nothing in memory: the old leases are given back
        Assert.Empty(renewal.Held);
        Assert.All(after.Snapshot(), r => Assert.Null(r.Owner));
        Assert.Equal([2L, 2L, 2L, 2L], after.Acquire(4).Select(l => l.Token));
    }

    private static List<(uint Seq, string Verdict)> FrameRecords(PostgresPartitionedLedger ledger, ulong deviceId) =>
        ledger.ReadDevice(deviceId).Where(e => e.Kind == "frame").Select(e =>
        {
            using var detail = JsonDocument.Parse(e.Detail);
            return (detail.RootElement.GetProperty("seq").GetUInt32(), detail.RootElement.GetProperty("verdict").GetString()!);
        }).ToList();
}
