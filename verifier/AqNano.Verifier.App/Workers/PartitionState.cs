namespace AqNano.Verifier.App.Workers;

/// <summary>Where a worker stands with one partition. Replaying: leased, its states loaded, kept frames being
/// judged in order; new frames still queue behind them so that a device's frames keep their order.</summary>
public enum PartitionState
{
    Unowned,
    Replaying,
    Owned,
}
