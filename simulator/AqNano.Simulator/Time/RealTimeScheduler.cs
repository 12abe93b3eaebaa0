using System.Diagnostics;

namespace AqNano.Simulator.Time;

/// <summary>Wall-clock time for demos and real brokers: events run when their time comes. Other
/// threads (MQTT callbacks) may schedule too; events still run on the one thread in RunUntil.</summary>
public sealed class RealTimeScheduler : ISimulationScheduler
{
    private readonly PriorityQueue<Action, (long AtUs, long Order)> _events = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly AutoResetEvent _wake = new(false);
    private readonly object _gate = new();
    private long _order;

    public RealTimeScheduler() => UnixStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public long NowUs => _elapsed.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    public long UnixStartMs { get; }

    public bool IsVirtual => false;

    public void At(long atUs, Action action)
    {
        lock (_gate) _events.Enqueue(action, (atUs, _order++));
        _wake.Set();
    }

    public long RunUntil(long endUs, CancellationToken cancellation = default)
    {
        long ran = 0;
        using CancellationTokenRegistration registration = cancellation.Register(() => _wake.Set());
        while (!cancellation.IsCancellationRequested && NowUs < endUs)
        {
            Action? due = null;
            long waitUs = endUs - NowUs;
            lock (_gate)
            {
                if (_events.TryPeek(out Action? next, out (long AtUs, long Order) at))
                {
                    if (at.AtUs <= NowUs) due = _events.Dequeue();
                    else waitUs = Math.Min(waitUs, at.AtUs - NowUs);
                }
            }
            if (due != null)
            {
                due();
                ran++;
                continue;
            }
            _wake.WaitOne(TimeSpan.FromMilliseconds(Math.Clamp(waitUs / 1000.0, 1, 1000)));
        }
        return ran;
    }
}
