using System.Threading.Channels;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>The live decision feed: keeps the last judgements for new pages and fans each new one
/// out to every server-sent-events client. Fed from IFleetView.Judged (on the judging thread), so
/// it only copies and enqueues.</summary>
public sealed class DecisionFeed
{
    public const int Kept = 200;
    private readonly object _gate = new();
    private readonly Queue<object> _recent = new();
    private readonly List<Channel<object>> _listeners = [];
    private readonly TimeProvider _clock;

    public DecisionFeed(IFleetView fleet, TimeProvider clock)
    {
        _clock = clock;
        fleet.Judged += Add;
    }

    public void Add(Judgement judgement)
    {
        object view = JsonViews.Judgement(judgement, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        lock (_gate)
        {
            _recent.Enqueue(view);
            while (_recent.Count > Kept) _recent.Dequeue();
            foreach (var listener in _listeners) listener.Writer.TryWrite(view);
        }
    }

    public object[] Recent()
    {
        lock (_gate) return _recent.ToArray();
    }

    /// <summary>A bounded queue per listener: a slow browser loses old feed lines, never blocks judging.</summary>
    public ChannelReader<object> Listen(CancellationToken stop)
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _listeners.Add(channel);
        stop.Register(() => { lock (_gate) _listeners.Remove(channel); channel.Writer.TryComplete(); });
        return channel.Reader;
    }
}
