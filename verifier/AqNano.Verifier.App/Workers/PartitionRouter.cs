using AqNano.Protocol;
using AqNano.Verifier.App.Ingest;
using AqNano.Verifier.Partitions;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Workers;

/// <summary>Decides, frame by frame, whether this worker judges an obs frame (docs/SCALING-WORKERS.md "Partitions and leases"): only
/// frames of partitions it owns, and only while its lease is surely valid (a local deadline set a renewal period
/// before the server could expire it). Frames of other partitions are kept (<see cref="KeptFrames"/>) for a
/// takeover. A taken partition replays its kept frames in order before new ones are judged, so a device's frames
/// keep their order. Judging holds <see cref="Gate"/> for reading; taking and dropping partitions hold it for
/// writing, so no judgement runs on a partition while its states are loaded or forgotten.</summary>
public sealed class PartitionRouter
{
    public const string Connection = "external-broker";
    private readonly FleetVerifier _verifier;
    private readonly WorkerMetrics _metrics;
    private readonly PathMode _path;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly PartitionState[] _states;
    private readonly long[] _deadlines;
    private readonly bool[] _mustDrop;
    private readonly object[] _locks;
    private readonly KeptFrames _kept;

    public PartitionRouter(FleetVerifier verifier, WorkerOptions options, WorkerMetrics metrics, PathMode path, TimeProvider clock, ILogger logger)
    {
        _verifier = verifier;
        _metrics = metrics;
        _path = path;
        _clock = clock;
        _logger = logger;
        PartitionCount = options.PartitionCount;
        _states = new PartitionState[PartitionCount];
        _deadlines = new long[PartitionCount];
        _mustDrop = new bool[PartitionCount];
        _locks = Enumerable.Range(0, PartitionCount).Select(_ => new object()).ToArray();
        _kept = new KeptFrames(PartitionCount, options.ReplayWindow, options.ReplayFramesPerPartition);
    }

    public int PartitionCount { get; }

    public ReaderWriterLockSlim Gate { get; } = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Set before frames arrive: judges, records and publishes (the same path as a single verifier).</summary>
    public FrameIngest? Ingest { get; set; }

    /// <summary>Shared-subscription mode: no leases; the broker picks the worker per frame, so every frame is judged
    /// here on its device's state read fresh from the store.</summary>
    public bool SharedGroup { get; init; }

    public int PartitionOf(string topic)
    {
        // A topic without a device id still maps to exactly one partition, so exactly one worker records its refusal.
        Topics.Classify(topic, out ulong deviceId);
        return DevicePartitions.Of(deviceId, PartitionCount);
    }

    public PartitionState StateOf(int partition)
    {
        lock (_locks[partition]) return _states[partition];
    }

    /// <summary>The broker client's handler: judge now (owned) or keep (not owned, or still replaying).</summary>
    public void Receive(string topic, byte[] payload)
    {
        int p = PartitionOf(topic);
        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (SharedGroup) { ReceiveShared(topic, payload, now); return; }
        Gate.EnterReadLock();
        try
        {
            bool judge;
            lock (_locks[p])
            {
                judge = _states[p] == PartitionState.Owned && Environment.TickCount64 < _deadlines[p];
                if (!judge) { _kept.Add(p, new KeptFrame(topic, payload, now)); _metrics.Kept(); }
            }
            if (judge) JudgeOwned(p, new KeptFrame(topic, payload, now));
        }
        finally
        {
            Gate.ExitReadLock();
        }
    }

    private void ReceiveShared(string topic, byte[] payload, long now)
    {
        Topics.Classify(topic, out ulong deviceId);
        Gate.EnterReadLock();
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                _verifier.ReloadDevice(deviceId);
                try
                {
                    Ingest!.Judge(topic, payload, Connection, _path, receivedUnixMs: now);
                    return;
                }
                catch (InvalidOperationException stale) when (attempt < 3)
                {
                    // Another worker wrote the device between our read and our write: read again and judge again.
                    _metrics.StaleWrite();
                    _logger.LogDebug("device {Device}: {Error}; judging again on fresh state", Hex.FromWire(deviceId), stale.Message);
                }
                catch (InvalidOperationException stale)
                {
                    // Not acknowledged: the broker redelivers it (ExternalBrokerClient drops the connection on IOException).
                    throw new IOException($"device {Hex.FromWire(deviceId)}: state kept changing under this worker: {stale.Message}", stale);
                }
            }
        }
        finally
        {
            Gate.ExitReadLock();
        }
    }

    /// <summary>Judges a frame of an owned partition; false when this worker's view proved stale (the store refused
    /// its write: another worker judged the device since), in which case it lets the partition go.</summary>
    /// <param name="decisions">Replay: collects each device's last Decision instead of publishing each one.</param>
    private bool JudgeOwned(int p, KeptFrame frame, Dictionary<ulong, Judgement>? decisions = null)
    {
        try
        {
            var judgement = Ingest!.Judge(frame.Topic, frame.Payload, Connection, _path, receivedUnixMs: frame.ReceivedUnixMs, publish: decisions == null);
            if (decisions != null && judgement.DecisionFrame != null) decisions[judgement.DeviceId] = judgement;
            return true;
        }
        catch (InvalidOperationException stale)
        {
            // FleetVerifier.Save: the version compare-and-set failed, so the state was not written and the frame
            // is not judged here. Keep it, stop judging the partition; the lease loop drops the cache and gives
            // the lease back, and whoever takes the partition next loads the newer state and replays the frame.
            _metrics.StaleWrite();
            lock (_locks[p])
            {
                _states[p] = PartitionState.Unowned;
                _mustDrop[p] = true;
                _kept.Add(p, frame);
            }
            _logger.LogWarning("partition {Partition}: {Error}; stopped judging it", p, stale.Message);
            return false;
        }
    }

    /// <summary>Timer rules (IVerifier.Tick) for the owned devices. Skipped while a partition replays: its devices'
    /// last links may still be in the kept frames, and a missed-link rule must not fire on them.</summary>
    public IReadOnlyList<Judgement> Tick(IVerifier verifier)
    {
        Gate.EnterReadLock();
        try
        {
            for (int p = 0; p < PartitionCount; p++)
            {
                lock (_locks[p]) if (_states[p] == PartitionState.Replaying) return [];
            }
            return verifier.Tick();
        }
        catch (InvalidOperationException stale)
        {
            _metrics.StaleWrite();
            _logger.LogWarning("timer rules stopped: {Error}", stale.Message);
            return [];
        }
        finally
        {
            Gate.ExitReadLock();
        }
    }

    /// <summary>Partitions judged or replaying whose local deadline has not passed: the ones to renew.</summary>
    public List<int> Held() => Select(p => _states[p] != PartitionState.Unowned && Environment.TickCount64 < _deadlines[p]);

    /// <summary>Partitions whose deadline passed or whose view proved stale: to be dropped before anything else.</summary>
    public List<int> Lapsed() => Select(p => _mustDrop[p] || (_states[p] != PartitionState.Unowned && Environment.TickCount64 >= _deadlines[p]));

    public void Extend(IEnumerable<int> partitions, long deadline)
    {
        foreach (int p in partitions) lock (_locks[p]) if (_states[p] != PartitionState.Unowned) _deadlines[p] = deadline;
    }

    /// <summary>Stops judging these partitions and forgets their devices (the kept frames stay for a later takeover).</summary>
    public void Drop(IReadOnlyCollection<int> partitions)
    {
        if (partitions.Count == 0) return;
        Gate.EnterWriteLock();
        try
        {
            foreach (int p in partitions) lock (_locks[p]) { _states[p] = PartitionState.Unowned; _mustDrop[p] = false; }
            _verifier.DropPartitions(partitions);
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    /// <summary>Loads these partitions' devices fresh from the store and marks them replaying; returns the device count.</summary>
    public int Take(IReadOnlyCollection<int> partitions, long deadline)
    {
        if (partitions.Count == 0) return 0;
        Gate.EnterWriteLock();
        try
        {
            int loaded = _verifier.TakePartitions(partitions);
            foreach (int p in partitions)
            {
                lock (_locks[p]) { _states[p] = PartitionState.Replaying; _deadlines[p] = deadline; _mustDrop[p] = false; }
            }
            return loaded;
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    /// <summary>Judges each taken partition's kept frames in arrival order, then lets new frames through. Frames
    /// behind the ring are skipped (the previous owner judged them); duplicates are ignored by the chain rules.</summary>
    public async Task ReplayAsync(IReadOnlyCollection<int> partitions, CancellationToken stop)
    {
        foreach (int p in partitions)
        {
            while (!stop.IsCancellationRequested)
            {
                List<KeptFrame> batch;
                lock (_locks[p])
                {
                    if (_states[p] != PartitionState.Replaying) break;
                    batch = _kept.TakeAll(p, _clock.GetUtcNow().ToUnixTimeMilliseconds());
                    if (batch.Count == 0) { _states[p] = PartitionState.Owned; break; }
                }
                // Only each device's last Decision goes out: a device reads a Decision behind its own last frame as
                // "resend from there" (DecisionTracker), so one per replayed frame would make it resend the same
                // frames again and again, until some arrive behind the ring and are refused as stale (seen in the
                // failover test before this). The retained topic keeps only the last one anyway.
                var decisions = new Dictionary<ulong, Judgement>();
                int done = ReplayBatch(p, batch, decisions, out bool retryLater);
                foreach (var judgement in decisions.Values) Ingest!.Publish(judgement);
                if (done < batch.Count) lock (_locks[p]) _kept.PutBack(p, batch.GetRange(done, batch.Count - done));
                if (retryLater) await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { });
            }
        }
    }

    /// <returns>How many frames of the batch were handled; the rest go back in front of the kept frames.</returns>
    private int ReplayBatch(int p, List<KeptFrame> batch, Dictionary<ulong, Judgement> decisions, out bool retryLater)
    {
        retryLater = false;
        for (int i = 0; i < batch.Count; i++)
        {
            Gate.EnterReadLock();
            try
            {
                lock (_locks[p])
                {
                    if (_states[p] != PartitionState.Replaying || Environment.TickCount64 >= _deadlines[p]) return i;
                }
                KeptFrame frame = batch[i];
                if (_verifier.IsSettled(frame.Topic, frame.Payload)) { _metrics.Settled(); continue; }
                if (!JudgeOwned(p, frame, decisions)) return i + 1; // kept again by JudgeOwned
                _metrics.Replayed();
            }
            catch (IOException failure)
            {
                // The ledger or store did not take it: nothing recorded. Keep the frame and try again shortly.
                _logger.LogWarning("partition {Partition}: replay paused, the ledger did not take a frame: {Error}", p, failure.Message);
                retryLater = true;
                return i;
            }
            finally
            {
                Gate.ExitReadLock();
            }
        }
        return batch.Count;
    }

    private List<int> Select(Func<int, bool> test)
    {
        var result = new List<int>();
        for (int p = 0; p < PartitionCount; p++) lock (_locks[p]) if (test(p)) result.Add(p);
        return result;
    }
}
