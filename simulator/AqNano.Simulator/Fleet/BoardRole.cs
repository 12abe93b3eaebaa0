namespace AqNano.Simulator.Fleet;

/// <summary>A simulated board's role: a plain device, or a gateway that also hears witness beacons
/// and reports them in Witness frames (DESIGN.md "Witness beacons").</summary>
public enum BoardRole
{
    Device,
    Gateway,
}
