namespace AqNano.Verifier.Stores;

/// <summary>A device's new state on its way to the store, with the version it replaces (0 for a new
/// device): the compare-and-set of <see cref="IDeviceStateStore.TrySave"/> as a value, so that it can
/// travel with a judgement's ledger records into one commit (<see cref="Lineage.IJointCommit"/>).</summary>
public sealed record StateWrite(ulong DeviceId, byte[] State, long ExpectedVersion);
