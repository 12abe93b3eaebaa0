using AqNano.Verifier;
using AqNano.Verifier.Stores;

namespace AqNano.Fuzz.Ingest;

/// <summary>A verifier as the ingest target drives and inspects it: Judge through <see cref="IVerifier"/>,
/// state through the store it persists to and the fleet view the dashboard reads.</summary>
public sealed record IngestRig(IVerifier Verifier, IFleetView View, IDeviceStateStore Store, IDisposable? Owner = null) : IDisposable
{
    public void Dispose()
    {
        Owner?.Dispose();
        Store.Dispose();
    }
}
