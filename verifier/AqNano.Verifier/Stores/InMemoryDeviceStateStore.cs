namespace AqNano.Verifier.Stores;

/// <summary>Device state in memory, with the same compare-and-set as the SQLite store: for tests
/// and simulations whose state need not outlive the process. Thread-safe.</summary>
public sealed class InMemoryDeviceStateStore : IDeviceStateStore
{
    private readonly object gate = new();
    private readonly Dictionary<ulong, (byte[] State, long Version)> devices = new();

    public bool TryLoad(ulong deviceId, out byte[] state, out long version)
    {
        lock (gate)
        {
            if (devices.TryGetValue(deviceId, out var stored))
            {
                state = (byte[])stored.State.Clone();
                version = stored.Version;
                return true;
            }
        }
        state = [];
        version = 0;
        return false;
    }

    public bool TrySave(ulong deviceId, ReadOnlySpan<byte> state, long expectedVersion)
    {
        lock (gate)
        {
            long current = devices.TryGetValue(deviceId, out var stored) ? stored.Version : 0;
            if (current != expectedVersion) return false;
            devices[deviceId] = (state.ToArray(), current + 1);
            return true;
        }
    }

    public IEnumerable<ulong> DeviceIds()
    {
        lock (gate) return devices.Keys.Order().ToArray();
    }

    public void Dispose()
    {
    }
}
