using AqNano.Lineage.Tests;
using AqNano.Protocol;
using AqNano.Verifier;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Postgres;

namespace AqNano.Scale.Tests;

/// <summary>Two workers' verifiers over one PostgreSQL store and ledger (issue 8 item 2): a stale write is refused
/// so a double delivery cannot fork the view, a taken partition is loaded fresh, a dropped one forgotten.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkerVerifierTests(PostgresServer server)
{
    private const int Partitions = 4;

    /// <param name="joint">As serve composes it: the ledger keeps the store, records and state are one commit.
    /// False: the former composition (a store of its own, records then state), kept to show what the joint commit changed.</param>
    private sealed class Worker : IDisposable
    {
        public Worker(string connectionString, bool joint = true)
        {
            Ledger = new PostgresPartitionedLedger(connectionString, Partitions);
            Store = joint ? Ledger.KeepDeviceState() : new PostgresDeviceStateStore(connectionString);
            Verifier = new FleetVerifier(new VerifierPolicy(), Ledger, TimeProvider.System, Store, "test", Partitions);
        }

        public PostgresPartitionedLedger Ledger { get; }
        public PostgresDeviceStateStore Store { get; }
        public FleetVerifier Verifier { get; }

        public Judgement Judge(TestBoard board, byte[] frame) =>
            Verifier.Judge(new InboundFrame(board.ObsTopic, frame, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "external-broker", PathMode.Open));

        public void Dispose()
        {
            Store.Dispose();
            Ledger.Dispose();
        }
    }

    private static int[] All => Enumerable.Range(0, Partitions).ToArray();

    [SkippableFact]
    public void A_double_delivery_to_a_stale_worker_is_refused_by_the_store_and_the_view_does_not_fork()
    {
        var (a, board) = DoubleDeliveryToAStaleWorker(joint: true, seed: 7101);
        using (a)
        {
            // One commit: b's refused judgement wrote no record either, so frame 4 is in the ledger once.
            Assert.Equal([0u, 1, 2, 3, 4, 5], PostgresJointCommitCrashTests.FrameSeqs(a.Ledger, board.DeviceId));
        }
    }

    [SkippableFact]
    public void With_two_commits_the_stale_worker_recorded_the_frame_its_state_write_lost()
    {
        var (a, board) = DoubleDeliveryToAStaleWorker(joint: false, seed: 7105);
        using (a)
        {
            Assert.Equal([0u, 1, 2, 3, 4, 4, 5], PostgresJointCommitCrashTests.FrameSeqs(a.Ledger, board.DeviceId));
        }
    }

    /// <summary>Split brain on one device: a judges frame 4, then the same frame reaches b, whose view is one save
    /// behind. Returns worker a (for the caller to inspect and dispose) and the board.</summary>
    private (Worker A, TestBoard Board) DoubleDeliveryToAStaleWorker(bool joint, int seed)
    {
        string schema = server.NewSchema();
        var a = new Worker(schema, joint);
        try
        {
            return (a, DoubleDelivery(a, schema, joint, seed));
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    private static TestBoard DoubleDelivery(Worker a, string schema, bool joint, int seed)
    {
        using var b = new Worker(schema, joint);
        var board = new TestBoard(seed);
        var frames = Enumerable.Range(0, 6).Select(_ => board.NextFrame()).ToArray();
        a.Verifier.TakePartitions(All);
        for (int i = 0; i < 4; i++) Assert.NotEqual(DecisionMode.Refused, a.Judge(board, frames[i]).Mode);

        // Split brain: b loads the device too, then a judges frame 4 first.
        b.Verifier.TakePartitions(All);
        byte[] bBefore = b.Verifier.StateBytes(board.DeviceId)!;
        Assert.Equal(Verdict.Next, a.Judge(board, frames[4]).Verdict);

        // The same frame delivered to b: its view is one save behind, the compare-and-set refuses the write.
        Assert.Throws<InvalidOperationException>(() => b.Judge(board, frames[4]));
        Assert.Equal(bBefore, b.Verifier.StateBytes(board.DeviceId));
        Assert.True(a.Store.TryLoad(board.DeviceId, out byte[] stored, out long version));
        Assert.Equal(a.Verifier.StateBytes(board.DeviceId), stored);
        Assert.Equal(5, version); // genesis + four links: one save each, none of b's

        // b loads the partition fresh: frame 4 is now a duplicate and frame 5 the next link, for either worker.
        b.Verifier.TakePartitions(All);
        Assert.Equal(Verdict.Duplicate, b.Judge(board, frames[4]).Verdict);
        Assert.Equal(Verdict.Next, b.Judge(board, frames[5]).Verdict);
        Assert.Null(a.Ledger.Verify());
        Assert.DoesNotContain(a.Ledger.ReadDevice(board.DeviceId), e => e.Kind is "refusal" or "incident");
        return board;
    }

    [SkippableFact]
    public void Taking_a_partition_loads_its_devices_fresh_and_dropping_it_forgets_them()
    {
        string schema = server.NewSchema();
        using var a = new Worker(schema);
        using var b = new Worker(schema);
        var board = new TestBoard(7102);
        int partition = DevicePartitions.Of(board.DeviceId, Partitions);
        int[] other = All.Where(p => p != partition).ToArray();

        a.Verifier.TakePartitions([partition]);
        Assert.Equal(Verdict.Genesis, a.Judge(board, board.NextFrame()).Verdict);
        Assert.Equal(Verdict.Next, a.Judge(board, board.NextFrame()).Verdict);
        a.Verifier.DropPartitions(other);
        Assert.NotNull(a.Verifier.Device(board.DeviceId)); // another partition's drop leaves it
        a.Verifier.DropPartitions([partition]);
        Assert.Null(a.Verifier.Device(board.DeviceId));

        Assert.Equal(1, b.Verifier.TakePartitions([partition]));
        for (int i = 0; i < 3; i++) Assert.Equal(Verdict.Next, b.Judge(board, board.NextFrame()).Verdict);
        b.Verifier.DropPartitions([partition]);

        // a takes it back: it judges on the store's state (seq 4), not on what it saw before (seq 1).
        Assert.Equal(0, a.Verifier.TakePartitions(other));
        Assert.Equal(1, a.Verifier.TakePartitions([partition]));
        Assert.Equal(4u, a.Verifier.Device(board.DeviceId)!.LastSeq);
        Assert.Equal(Verdict.Next, a.Judge(board, board.NextFrame()).Verdict);
    }

    [SkippableFact]
    public void Only_frames_behind_the_ring_count_as_settled_on_takeover()
    {
        string schema = server.NewSchema();
        using var a = new Worker(schema);
        var board = new TestBoard(7103);
        var frames = Enumerable.Range(0, 9).Select(_ => board.NextFrame()).ToArray();
        a.Verifier.TakePartitions(All);
        Assert.False(a.Verifier.IsSettled(board.ObsTopic, frames[0])); // unknown device: judge it
        foreach (var frame in frames) a.Judge(board, frame);
        int ring = new VerifierPolicy().RingSize;
        for (int seq = 0; seq < frames.Length; seq++)
        {
            Assert.Equal(seq <= 8 - ring, a.Verifier.IsSettled(board.ObsTopic, frames[seq]));
        }
        Assert.False(a.Verifier.IsSettled(board.ObsTopic, board.NextFrame())); // ahead: judge it
        Assert.False(a.Verifier.IsSettled(Topics.Observation(board.DeviceId + 1), frames[0])); // topic of another id
    }
}
