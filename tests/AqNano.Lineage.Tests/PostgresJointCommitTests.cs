using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

/// <summary>Records and device state in one PostgreSQL transaction (<see cref="PostgresPartitionedLedger"/> as
/// <see cref="IJointCommit"/>), the mirror of <see cref="JointCommitTests"/>: all of a unit or none of it, a stale
/// unit left out without failing its group, a failed transaction writing nothing, anchors still exact, and
/// concurrent groups from several instances (as workers) crossing partitions and anchors without deadlock.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJointCommitTests(PostgresServer server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    private static CommitUnit Unit(ulong device, long expectedVersion, int records, byte state = 1) => new(
        Enumerable.Range(0, records).Select(i => new PendingRecord(i, "frame", device, new byte[] { (byte)device, (byte)i }, "{}")).ToList(),
        new StateWrite(device, [state], expectedVersion));

    [SkippableFact]
    public void A_stale_state_write_leaves_its_unit_out_and_the_rest_of_the_transaction_commits()
    {
        using var ledger = Open();
        PostgresDeviceStateStore store = ledger.KeepDeviceState();
        ulong[] devices = [PartitionDevices.In(1), PartitionDevices.In(2), PartitionDevices.In(1, nth: 1)];

        var results = ledger.CommitAll([Unit(devices[0], 0, 2), Unit(devices[1], 5, 3), Unit(devices[2], 0, 1)]);

        Assert.Equal(2, results[0]!.Count);
        Assert.Null(results[1]);
        Assert.Single(results[2]!);
        Assert.True(results[2]![0].Sequence > results[0]![1].Sequence);
        Assert.Equal(results[0]![1].Hash, results[2]![0].PreviousHash);   // one chain in partition 1
        Assert.Empty(ledger.ReadDevice(devices[1]));
        Assert.False(store.TryLoad(devices[1], out _, out _));
        Assert.True(store.TryLoad(devices[0], out _, out long version0));
        Assert.True(store.TryLoad(devices[2], out _, out long version2));
        Assert.Equal((1, 1), (version0, version2));
        Assert.True(ledger.VerifyAll().Verified, ledger.VerifyAll().Problem);
    }

    [SkippableFact]
    public void A_failed_transaction_writes_neither_the_records_nor_the_state_of_any_unit()
    {
        using var ledger = Open();
        PostgresDeviceStateStore store = ledger.KeepDeviceState();
        ulong six = PartitionDevices.In(6), seven = PartitionDevices.In(7);
        Assert.NotNull(ledger.CommitAll([Unit(seven, 0, 1)])[0]);
        // The state write of device 7 fails inside the transaction, after device 6's unit was written in it.
        server.Execute("CREATE FUNCTION fail_state() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$; " +
            $"CREATE TRIGGER fail_7 BEFORE UPDATE ON device_state FOR EACH ROW WHEN (NEW.device_id = {(long)seven}) EXECUTE FUNCTION fail_state()", connectionString);

        var failure = Assert.ThrowsAny<LedgerWriteException>(() => ledger.CommitAll([Unit(six, 0, 2), Unit(seven, 1, 1, state: 2)]));

        Assert.Contains("nothing was written", failure.Message);
        Assert.Single(ledger.Read());
        Assert.False(store.TryLoad(six, out _, out _));
        Assert.True(store.TryLoad(seven, out byte[] state7, out long version7));
        Assert.Equal(new byte[] { 1 }, state7);
        Assert.Equal(1, version7);
        server.Execute("DROP TRIGGER fail_7 ON device_state", connectionString);
        Assert.NotNull(ledger.CommitAll([Unit(seven, 1, 1, state: 2)])[0]);
        Assert.True(ledger.VerifyAll().Verified);
    }

    [SkippableFact]
    public void Two_instances_with_the_same_expected_version_write_the_unit_once()
    {
        using var a = Open();
        using var b = Open();
        a.KeepDeviceState();
        PostgresDeviceStateStore store = b.KeepDeviceState();
        ulong device = PartitionDevices.In(3);
        Assert.NotNull(a.CommitAll([Unit(device, 0, 1)])[0]);

        // Both loaded version 1; a commits first, b's unit is then stale: no record, no state.
        Assert.NotNull(a.CommitAll([Unit(device, 1, 2, state: 2)])[0]);
        Assert.Null(b.CommitAll([Unit(device, 1, 2, state: 3)])[0]);

        Assert.Equal(3, b.ReadDevice(device).Count());
        Assert.True(store.TryLoad(device, out byte[] state, out long version));
        Assert.Equal(new byte[] { 2 }, state);
        Assert.Equal(2, version);
    }

    [SkippableFact]
    public async Task Concurrent_groups_across_partitions_and_anchors_never_deadlock_and_stay_exact()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        try
        {
            instances.ForEach(instance => instance.KeepDeviceState());
            // Sixteen devices over eight partitions. Each instance commits groups that name its devices in a different
            // order (reverse for odd instances), so lock order could only come from the ledger, not from the callers.
            var devices = Enumerable.Range(0, 16).Select(i => PartitionDevices.In(i % 8, nth: i / 8)).ToArray();
            var versions = new long[devices.Length];
            var gates = devices.Select(_ => new object()).ToArray();
            var writers = instances.Select((instance, n) => Task.Factory.StartNew(() =>
            {
                var random = new Random(n);
                for (int round = 0; round < 25; round++)
                {
                    var picked = Enumerable.Range(0, devices.Length).OrderBy(_ => random.Next()).Take(4).ToList();
                    if (n % 2 == 1) picked.Reverse();
                    // A device's expected version is read under its gate; a group may still race another instance
                    // for it (a stale unit then gets null), which is what the per-device count below checks.
                    var units = picked.Select(i => { lock (gates[i]) return Unit(devices[i], Interlocked.Read(ref versions[i]), 1, (byte)round); }).ToList();
                    var results = instance.CommitAll(units);
                    for (int u = 0; u < picked.Count; u++)
                    {
                        if (results[u] != null) lock (gates[picked[u]]) Interlocked.Increment(ref versions[picked[u]]);
                    }
                    if (round % 5 == 0) instance.AnchorNow(round);
                }
            }, TaskCreationOptions.LongRunning)).ToList();

            await Task.WhenAll(writers).WaitAsync(Bound);

            var verification = instances[0].VerifyAll();
            Assert.True(verification.Verified, verification.Problem);
            Assert.True(verification.Anchors >= 20);
            IDeviceStateStore store = instances[0].StateStore!;
            for (int i = 0; i < devices.Length; i++)
            {
                // Exactly one record per state write that took: the ledger and the state never part.
                long stored = store.TryLoad(devices[i], out _, out long version) ? version : 0;
                Assert.Equal(stored, instances[0].ReadDevice(devices[i]).Count());
            }
        }
        finally
        {
            instances.ForEach(instance => instance.Dispose());
        }
    }

    [SkippableFact]
    public void A_ledger_without_device_state_refuses_a_state_write_and_writes_nothing()
    {
        using var ledger = Open();
        Assert.Null(ledger.StateStore);

        Assert.Throws<InvalidOperationException>(() => ledger.CommitAll([Unit(1, 0, 1)]));
        using var grouped = new GroupCommitLedger(ledger);
        Assert.ThrowsAny<LedgerWriteException>(() => grouped.CommitAll([Unit(1, 0, 1)]));

        Assert.Empty(ledger.Read());
    }

    [SkippableFact]
    public void Group_commit_over_it_joins_the_same_store()
    {
        using var partitioned = Open();
        PostgresDeviceStateStore store = partitioned.KeepDeviceState();
        using var ledger = new GroupCommitLedger(partitioned);

        Assert.Same(store, ledger.StateStore);
        Assert.Same(store, partitioned.KeepDeviceState());
        Assert.NotNull(ledger.CommitAll([Unit(5, 0, 2)])[0]);
        Assert.Null(ledger.CommitAll([Unit(5, 0, 2)])[0]);
        Assert.Equal(2, partitioned.ReadDevice(5).Count());
    }

    private PostgresPartitionedLedger Open()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return new PostgresPartitionedLedger(connectionString);
    }
}
