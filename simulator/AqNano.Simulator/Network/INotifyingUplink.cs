namespace AqNano.Simulator.Network;

/// <summary>An uplink that says when a message arrived, so the board runs its loop then
/// (DeviceAgent: "the host calls Step at NextWakeUs, or when a message arrives").</summary>
public interface INotifyingUplink
{
    /// <summary>Raised on the thread that delivered the message.</summary>
    event Action? MessageArrived;
}
