using AqNano.Simulator.Fleet;
using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios;

/// <summary>What a run did: frames acknowledged per board (boards/ catalogue name), outages, reboots, what each attack
/// did, events run, simulated and wall time. Every number is counted, none estimated.</summary>
public sealed record ScenarioReport(
    string Scenario,
    ulong Seed,
    int Devices,
    IReadOnlyDictionary<string, long> FramesByKind,
    IReadOnlyDictionary<string, int> BoardsByKind,
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

    /// <summary>Sums up <paramref name="run"/> as it stands after <paramref name="events"/> events in <paramref name="wall"/>.</summary>
    public static ScenarioReport FromRun(ScenarioRun run, long events, TimeSpan wall)
    {
        Dictionary<string, long> frames = new();
        Dictionary<string, int> boards = new();
        foreach (SimulatedBoard board in run.Devices)
        {
            frames[board.Profile.Board.Name] = frames.GetValueOrDefault(board.Profile.Board.Name) + board.TotalAcknowledged;
            boards[board.Profile.Board.Name] = boards.GetValueOrDefault(board.Profile.Board.Name) + 1;
        }
        return new ScenarioReport(
            run.Definition.Name,
            run.Seed,
            run.Devices.Count,
            frames,
            boards,
            run.Gateways.Sum(g => g.TotalAcknowledged),
            run.ExtraBoards.Sum(b => b.TotalAcknowledged),
            run.OutageCount,
            run.RebootCount,
            run.Attacks.Select(a => (a.Kind, a.ActionCount, a.Notes)).ToList(),
            events,
            TimeSpan.FromMilliseconds(run.Scheduler.NowUs / 1000.0),
            wall);
    }
}
