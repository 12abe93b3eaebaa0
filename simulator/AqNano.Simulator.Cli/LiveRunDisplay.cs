using AqNano.Simulator.Scenarios;
using Spectre.Console;

namespace AqNano.Simulator.Cli;

/// <summary>A live progress bar on an interactive terminal; event lines print above it.</summary>
public sealed class LiveRunDisplay : RunDisplay
{
    private ProgressTask? _task;

    public LiveRunDisplay(IAnsiConsole console, ScenarioRun run) : base(console, run)
    {
    }

    public override void Progress(double fraction, long frames)
    {
        if (_task == null) return;
        _task.Value = fraction * 100;
        _task.Description = $"{Run.Definition.Name}: {frames} frames";
    }

    public override ScenarioReport Follow(Func<ScenarioReport> run) =>
        Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                _task = context.AddTask(Run.Definition.Name, maxValue: 100);
                return run();
            });
}
