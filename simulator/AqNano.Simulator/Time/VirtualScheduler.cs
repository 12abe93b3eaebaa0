namespace AqNano.Simulator.Time;

/// <summary>Deterministic discrete-event time: the clock jumps from one event to the next, so a
/// run goes as fast as the CPU allows (issue 4: thousands of device-hours per test run).</summary>
public sealed class VirtualScheduler : ISimulationScheduler
{
    /// <summary>2026-01-01T00:00:00Z: a fixed start, so that captures of a seeded run are identical.</summary>
    public const long DefaultUnixStartMs = 1_767_225_600_000;

    private readonly PriorityQueue<Action, (long AtUs, long Order)> _events = new();
    private long _order;

    public VirtualScheduler(long unixStartMs = DefaultUnixStartMs) => UnixStartMs = unixStartMs;

    public long NowUs { get; private set; }

    public long UnixStartMs { get; }

    public bool IsVirtual => true;

    public int PendingCount => _events.Count;

    public void At(long atUs, Action action) => _events.Enqueue(action, (Math.Max(atUs, NowUs), _order++));

    public long RunUntil(long endUs, CancellationToken cancellation = default)
    {
        long ran = 0;
        while (_events.TryPeek(out _, out (long AtUs, long Order) due) && due.AtUs <= endUs)
        {
            if ((ran & 0xFFF) == 0 && cancellation.IsCancellationRequested) break;
            Action action = _events.Dequeue();
            NowUs = due.AtUs;
            action();
            ran++;
        }
        if (!cancellation.IsCancellationRequested && NowUs < endUs) NowUs = endUs;
        return ran;
    }
}
