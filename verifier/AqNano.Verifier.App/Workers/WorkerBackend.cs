using AqNano.Verifier.Postgres;

namespace AqNano.Verifier.App.Workers;

/// <summary>What worker mode adds to the backend: the partition-aware verifier and this worker's leases.</summary>
public sealed record WorkerBackend(FleetVerifier Verifier, PartitionLeases Leases, WorkerOptions Options);
