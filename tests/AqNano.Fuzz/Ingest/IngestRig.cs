using AqNano.Verifier;
using AqNano.Verifier.Stores;

namespace AqNano.Fuzz.Ingest;

/// <summary>A verifier as the ingest target drives and inspects it: Judge through <see cref="IVerifier"/>,
/// state through the store it persists to, the fleet view the dashboard reads and, where the verifier
/// offers it, the in-memory state encoded as it would be stored (so that a change not yet persisted shows);
/// its injected clock is moved with the inputs' receive times, so that Tick() sees the same time.</summary>
public sealed record IngestRig(IVerifier Verifier, IFleetView View, IDeviceStateStore Store, IDisposable? Owner = null,
    Func<ulong, byte[]?>? InMemoryState = null, Action<long>? SetClockUnixMs = null) : IDisposable
{
    public void Dispose()
    {
        Owner?.Dispose();
        Store.Dispose();
    }
}
