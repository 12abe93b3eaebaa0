using AqNano.Simulator.Scenarios;
using Spectre.Console;

namespace AqNano.Simulator.Cli;

/// <summary>Progress for pipes and logs: a line at every tenth of the run (virtual time) or every
/// 30 s of wall time (real time), nothing redrawn.</summary>
public sealed class PlainRunDisplay : RunDisplay
{
    private int _lastTenth = -1;
    private DateTime _lastLineUtc = DateTime.UtcNow;

    public PlainRunDisplay(IAnsiConsole console, ScenarioRun run) : base(console, run)
    {
    }

    public override void Progress(double fraction, long frames)
    {
        int tenth = (int)(fraction * 10);
        bool due = Run.Scheduler.IsVirtual ? tenth > _lastTenth : DateTime.UtcNow - _lastLineUtc >= TimeSpan.FromSeconds(30);
        if (!due) return;
        _lastTenth = tenth;
        _lastLineUtc = DateTime.UtcNow;
        Console.MarkupLineInterpolated($"[grey]progress {fraction:P0}: {frames} device frames acknowledged[/]");
    }

    public override ScenarioReport Follow(Func<ScenarioReport> run) => run();
}
