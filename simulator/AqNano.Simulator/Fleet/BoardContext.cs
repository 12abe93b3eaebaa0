using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Fleet;

/// <summary>What every board of a run shares: time, the way to a broker, the radio air, the seed,
/// and how to start the firmware program on a board's hardware.</summary>
public sealed class BoardContext
{
    public BoardContext(ISimulationScheduler scheduler, IUplinkFactory uplinks, ulong seed, Func<BoardSettings, BoardHardware, IUplink, IBoardProgram> programFactory)
    {
        Scheduler = scheduler;
        Uplinks = uplinks;
        Seed = seed;
        ProgramFactory = programFactory;
        Air = new BeaconAir(SeededRandom.Derive(seed, 0x616972 /* "air" */));
    }

    public ISimulationScheduler Scheduler { get; }
    public IUplinkFactory Uplinks { get; }
    public ulong Seed { get; }
    public BeaconAir Air { get; }
    public Func<BoardSettings, BoardHardware, IUplink, IBoardProgram> ProgramFactory { get; }

    /// <summary>Notable things boards did (boot, reboot, clone, status changes): the CLI prints them.</summary>
    public event Action<SimulatedBoard, string>? Notable;

    internal void Report(SimulatedBoard board, string what) => Notable?.Invoke(board, what);
}
