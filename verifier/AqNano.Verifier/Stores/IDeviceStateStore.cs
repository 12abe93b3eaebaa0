namespace AqNano.Verifier.Stores;

/// <summary>Per-device verifier state, persisted as an opaque, fixed-size blob (about 1 KiB,
/// DESIGN.md "Per-device state stays small and fixed") with a version for compare-and-set, so
/// that a second worker or a double delivery can never fork the verifier's own view.</summary>
public interface IDeviceStateStore : IDisposable
{
    /// <summary>Loads a device's state and its version; false when the device is unknown.</summary>
    bool TryLoad(ulong deviceId, out byte[] state, out long version);

    /// <summary>Writes state if the stored version still equals <paramref name="expectedVersion"/>
    /// (0 for a new device); returns false, writing nothing, when it does not (a stale write).</summary>
    bool TrySave(ulong deviceId, ReadOnlySpan<byte> state, long expectedVersion);

    /// <summary>Every known device id.</summary>
    IEnumerable<ulong> DeviceIds();
}
