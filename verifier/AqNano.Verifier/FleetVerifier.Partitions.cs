using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier;

/// <summary>Worker mode (issue 8 item 2, docs/SCALING-WORKERS.md "Partitions and leases"): a verifier that holds only the devices of
/// the partitions its worker leases. It loads a partition's states fresh from the shared store when the worker
/// takes it (never judging on a cache another worker may have moved past) and forgets them when it lets go.
/// The caller keeps judging and these calls apart (no Judge or Tick of a partition while it is taken or dropped).</summary>
public sealed partial class FleetVerifier
{
    private readonly int _partitionCount;

    /// <summary>A worker's verifier: starts with no device loaded; <see cref="TakePartitions"/> loads them.</summary>
    public FleetVerifier(VerifierPolicy policy, ILedger ledger, TimeProvider clock, IDeviceStateStore store, string policySource, int partitionCount)
        : this(policy, ledger, clock, store, policySource, loadStates: false)
    {
        if (partitionCount < 1) throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "at least one partition");
        _partitionCount = partitionCount;
    }

    /// <summary>Loads every device of these partitions from the store, replacing whatever was cached for them.</summary>
    /// <returns>How many devices were loaded.</returns>
    public int TakePartitions(IReadOnlyCollection<int> partitions)
    {
        if (_store == null || _partitionCount == 0) throw new InvalidOperationException("not a worker's verifier (no partition count or store)");
        DropPartitions(partitions);
        var wanted = new HashSet<int>(partitions);
        int loaded = 0;
        foreach (ulong id in _store.DeviceIds())
        {
            if (!wanted.Contains(DevicePartitions.Of(id, _partitionCount))) continue;
            if (_store.TryLoad(id, out byte[] bytes, out long version) && DeviceStateCodec.TryDecode(bytes, out DeviceState state))
            {
                _slots[id] = new DeviceSlot(state, version);
                loaded++;
            }
        }
        return loaded;
    }

    /// <summary>Forgets the cached devices of these partitions (another worker may judge them next).</summary>
    public void DropPartitions(IReadOnlyCollection<int> partitions)
    {
        if (_partitionCount == 0 || partitions.Count == 0) return;
        var dropped = new HashSet<int>(partitions);
        foreach (ulong id in _slots.Keys)
        {
            if (dropped.Contains(DevicePartitions.Of(id, _partitionCount))) _slots.TryRemove(id, out _);
        }
    }

    /// <summary>Replaces the cached state of one device with the store's (shared-subscription mode, where any worker
    /// may have judged the device since: docs/SCALING-WORKERS.md). Returns false when the store does not know it.</summary>
    public bool ReloadDevice(ulong deviceId)
    {
        if (_store == null) throw new InvalidOperationException("no state store to reload from");
        if (_store.TryLoad(deviceId, out byte[] bytes, out long version) && DeviceStateCodec.TryDecode(bytes, out DeviceState state))
        {
            _slots[deviceId] = new DeviceSlot(state, version);
            return true;
        }
        _slots.TryRemove(deviceId, out _);
        return false;
    }

    /// <summary>True when an obs frame is certainly settled by an earlier owner: a frame of the device's
    /// current epoch whose seq has left the ring. Every later link was accepted after it, so it was judged;
    /// judging it again could only record a stale refusal of an honest device. Frames in the ring are judged
    /// (a duplicate is ignored, a different frame is a conflict that must be seen).</summary>
    public bool IsSettled(string topic, ReadOnlySpan<byte> payload)
    {
        if (Topics.Classify(topic, out ulong deviceId) != TopicKind.Observation) return false;
        if (!_slots.TryGetValue(deviceId, out DeviceSlot? slot)) return false;
        JudgeWorker w = _workers.Value!;
        if (payload.Length > w.Buffer.Length) return false;
        payload.CopyTo(w.Buffer);
        if (!FrameCodec.TryParse(w.Buffer, 0, payload.Length, w.Frame, out _) || w.Frame.DeviceId != deviceId) return false;
        lock (slot.Gate)
        {
            DeviceState s = slot.State;
            return w.Frame.Epoch == s.Epoch && w.Frame.Seq <= s.LastSeq && !s.InRing(w.Frame.Seq);
        }
    }
}
