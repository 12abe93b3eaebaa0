using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios;

/// <summary>How to run a scenario: in which time, through which transport, with which program on
/// the boards, and the command line's overrides of the scenario's own numbers.</summary>
public sealed record RunOptions
{
    /// <summary>The run's time; a fresh <see cref="VirtualScheduler"/> when null.</summary>
    public ISimulationScheduler? Scheduler { get; init; }
    /// <summary>Where boards connect; the run's own <see cref="InMemoryBroker"/> when null.</summary>
    public IUplinkFactory? Uplinks { get; init; }
    /// <summary>The in-memory broker to use (tests set its interceptor first); created when null.</summary>
    public InMemoryBroker? Broker { get; init; }
    public int? Devices { get; init; }
    public double? IntervalSeconds { get; init; }
    public double? DurationMinutes { get; init; }
    public ulong? Seed { get; init; }
    /// <summary>Starts the firmware program on a board (the Core's DeviceAgent by default).</summary>
    public Func<BoardSettings, BoardHardware, Firmware.Core.Ports.IUplink, IBoardProgram>? ProgramFactory { get; init; }
}
