using AqNano.Verifier.Chains;

namespace AqNano.Verifier;

/// <summary>A device as the verifier holds it in memory: its persisted state and store version, its lock, and
/// what is shown but not persisted (the last explanation, the trust slope, counters of ignored input).</summary>
internal sealed class DeviceSlot(DeviceState state, long version)
{
    public const int SlopeLength = 32;
    public readonly object Gate = new();
    public DeviceState State = state;
    public long Version = version;
    public string Explanation = "";
    public PathMode LastPath;
    public long Duplicates;
    public long Refusals;
    public long DroppedFromNonOwner;
    /// <summary>When the last Decision answering a gap went out (-1: never): at most one per interval.</summary>
    public long LastGapDecisionMs = -1;
    /// <summary>A new device's Genesis outcome between its slot's creation and its recording.</summary>
    public ChainOutcome? Pending;
    private readonly Queue<int> _slope = new();

    public void RecordDepth(uint depth)
    {
        if (_slope.Count == SlopeLength) _slope.Dequeue();
        _slope.Enqueue((int)Math.Min(depth, int.MaxValue));
    }

    public IReadOnlyList<int> Slope() => _slope.ToArray();
}
