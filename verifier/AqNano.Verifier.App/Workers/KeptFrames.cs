namespace AqNano.Verifier.App.Workers;

/// <summary>The recent frames of partitions this worker does not own (docs/SCALING-WORKERS.md "why nothing acknowledged is
/// lost"): bounded per partition and in time, in arrival order. When the owner dies, the worker that takes the
/// partition judges these first; the devices' resend on a gap Decision covers anything older.
/// Not thread-safe: the caller holds the partition's lock.</summary>
public sealed class KeptFrames(int partitionCount, TimeSpan window, int perPartition)
{
    private readonly Queue<KeptFrame>[] _queues = Enumerable.Range(0, partitionCount).Select(_ => new Queue<KeptFrame>()).ToArray();

    public long Evicted { get; private set; }

    public void Add(int partition, KeptFrame frame)
    {
        var queue = _queues[partition];
        Expire(queue, frame.ReceivedUnixMs);
        if (queue.Count >= perPartition) { queue.Dequeue(); Evicted++; }
        queue.Enqueue(frame);
    }

    /// <summary>Takes every frame kept for the partition that is still within the window, oldest first.</summary>
    public List<KeptFrame> TakeAll(int partition, long nowUnixMs)
    {
        var queue = _queues[partition];
        Expire(queue, nowUnixMs);
        var frames = queue.ToList();
        queue.Clear();
        return frames;
    }

    /// <summary>Puts frames back in front (a replay that could not finish), keeping their order.</summary>
    public void PutBack(int partition, IReadOnlyList<KeptFrame> frames)
    {
        var queue = _queues[partition];
        var rest = queue.ToList();
        queue.Clear();
        foreach (var frame in frames.Concat(rest)) queue.Enqueue(frame);
    }

    public int Count(int partition) => _queues[partition].Count;

    private void Expire(Queue<KeptFrame> queue, long nowUnixMs)
    {
        long oldest = nowUnixMs - (long)window.TotalMilliseconds;
        while (queue.Count > 0 && queue.Peek().ReceivedUnixMs < oldest) { queue.Dequeue(); Evicted++; }
    }
}
