using AqNano.Simulator.Fleet;
using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios;

/// <summary>What a run did: frames acknowledged per board kind, outages, reboots, what each attack
/// did, events run, simulated and wall time. Every number is counted, none estimated.</summary>
public sealed record ScenarioReport(
    string Scenario,
    ulong Seed,
    int Devices,
    IReadOnlyDictionary<BoardKind, long> FramesByKind,
    IReadOnlyDictionary<BoardKind, int> BoardsByKind,
    long GatewayFrames,
    long AttackerBoardFrames,
    int Outages,
    int Reboots,
    IReadOnlyList<(string Kind, long Actions, IReadOnlyList<string> Notes)> AttackResults,
    long EventsRun,
    TimeSpan SimulatedTime,
    TimeSpan WallTime)
{
    public long TotalDeviceFrames => FramesByKind.Values.Sum();

    internal static ScenarioReport From(ScenarioRun run, long events, TimeSpan wall, int outages, int reboots)
    {
        Dictionary<BoardKind, long> frames = new();
        Dictionary<BoardKind, int> boards = new();
        foreach (SimulatedBoard board in run.Devices)
        {
            frames[board.Profile.Kind] = frames.GetValueOrDefault(board.Profile.Kind) + board.TotalAcknowledged;
            boards[board.Profile.Kind] = boards.GetValueOrDefault(board.Profile.Kind) + 1;
        }
        return new ScenarioReport(
            run.Definition.Name,
            run.Seed,
            run.Devices.Count,
            frames,
            boards,
            run.Gateways.Sum(g => g.TotalAcknowledged),
            run.ExtraBoards.Sum(b => b.TotalAcknowledged),
            outages,
            reboots,
            run.Attacks.Select(a => (a.Kind, a.ActionCount, a.Notes)).ToList(),
            events,
            TimeSpan.FromMilliseconds(run.Scheduler.NowUs / 1000.0),
            wall);
    }
}
