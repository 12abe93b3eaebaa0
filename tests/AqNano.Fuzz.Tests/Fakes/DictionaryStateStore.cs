using AqNano.Verifier.Stores;

namespace AqNano.Fuzz.Tests.Fakes;

/// <summary>The smallest IDeviceStateStore: enough for <see cref="RecordingVerifier"/>.</summary>
internal sealed class DictionaryStateStore : IDeviceStateStore
{
    private readonly Dictionary<ulong, (byte[] State, long Version)> devices = [];

    public bool TryLoad(ulong deviceId, out byte[] state, out long version)
    {
        bool known = devices.TryGetValue(deviceId, out var entry);
        (state, version) = known ? (entry.State.ToArray(), entry.Version) : ([], 0);
        return known;
    }

    public bool TrySave(ulong deviceId, ReadOnlySpan<byte> state, long expectedVersion)
    {
        long current = devices.TryGetValue(deviceId, out var entry) ? entry.Version : 0;
        if (current != expectedVersion) return false;
        devices[deviceId] = (state.ToArray(), current + 1);
        return true;
    }

    public IEnumerable<ulong> DeviceIds() => devices.Keys.ToList();

    public void Dispose() { }
}
