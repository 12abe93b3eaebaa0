namespace AqNano.Verifier;

/// <summary>Where the per-zone rate of new identities is counted (the Sybil guard, ZonePolicy.NewIdentitiesPerHour):
/// Genesis frames of unknown, non-allowlisted ids admitted per sliding hour, by the frames' receive times. In
/// memory for one verifier (<see cref="IdentityRate"/>); in PostgreSQL when several workers judge one fleet,
/// so that the zone's limit is the fleet's, not each worker's (docs/SCALING-WORKERS.md).</summary>
public interface IIdentityRate
{
    /// <summary>Counts one admission and returns true, or returns false (counting nothing) when the zone already
    /// admitted <paramref name="perHour"/> in the hour before <paramref name="nowMs"/>.</summary>
    bool TryAdmit(string zone, int perHour, long nowMs);
}
