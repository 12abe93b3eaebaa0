namespace AqNano.Verifier;

/// <summary>The per-zone rate of new identities (issue 5 "per-zone rate of new identities") in memory, for one
/// verifier: a restart resets the window (<see cref="IIdentityRate"/>).</summary>
public sealed class IdentityRate : IIdentityRate
{
    public const long WindowMs = 3_600_000;
    private readonly Dictionary<string, Queue<long>> _zones = new();

    public bool TryAdmit(string zone, int perHour, long nowMs)
    {
        lock (_zones)
        {
            if (!_zones.TryGetValue(zone, out Queue<long>? times)) _zones[zone] = times = new Queue<long>();
            while (times.Count > 0 && times.Peek() <= nowMs - WindowMs) times.Dequeue();
            if (times.Count >= perHour) return false;
            times.Enqueue(nowMs);
            return true;
        }
    }
}
