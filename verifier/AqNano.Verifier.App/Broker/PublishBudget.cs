namespace AqNano.Verifier.App.Broker;

/// <summary>A token bucket per connection: <see cref="BrokerLimits.PublishBurst"/> tokens, refilled at
/// <see cref="BrokerLimits.PublishesPerSecond"/>. One per connection object, so a reconnect or a
/// client-id takeover starts with a fresh bucket but a new socket costs a CONNECT (and counts against
/// <see cref="BrokerLimits.MaxConnections"/>).</summary>
public sealed class PublishBudget
{
    private readonly object _gate = new();
    private double _tokens = double.NaN;
    private long _lastMs;

    /// <summary>Takes one token if there is one; <paramref name="nowMs"/> is a monotonic clock in ms.</summary>
    public bool TryTake(BrokerLimits limits, long nowMs)
    {
        lock (_gate)
        {
            if (double.IsNaN(_tokens)) _tokens = limits.PublishBurst;
            else _tokens = Math.Min(limits.PublishBurst, _tokens + (nowMs - _lastMs) / 1000.0 * limits.PublishesPerSecond);
            _lastMs = nowMs;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
