namespace AqNano.Simulator.Fleet;

/// <summary>The firmware program a simulated board runs: the Core's DeviceAgent behind the shape
/// the simulator drives (boot, one loop pass, when next, the chain position). One adapter exists,
/// <see cref="CoreAgentProgram"/>; the seam keeps the scheduler and the attacks free of the Core's
/// construction details.</summary>
public interface IBoardProgram
{
    void Boot();

    /// <summary>One pass of the device loop.</summary>
    void Step();

    /// <summary>Device-clock microseconds at which Step next has work.</summary>
    ulong NextWakeUs { get; }

    void NotifySlept(bool slowClock);

    ulong DeviceId { get; }
    ulong Epoch { get; }
    uint LastSeq { get; }
    string ClientId { get; }

    /// <summary>Copies the other program's RAM state (chain state, epoch, seq): the clone attack.</summary>
    void CloneStateFrom(IBoardProgram other);
}
