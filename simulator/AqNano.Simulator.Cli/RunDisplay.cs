using AqNano.Simulator.Scenarios;
using Spectre.Console;

namespace AqNano.Simulator.Cli;

/// <summary>How a run shows while it goes: a live progress bar on a terminal, plain progress lines
/// when the output is a pipe (the verifier's demo reads it); one line per notable event either way.</summary>
public abstract class RunDisplay
{
    private readonly long _unixStartMs;

    protected RunDisplay(IAnsiConsole console, ScenarioRun run)
    {
        Console = console;
        Run = run;
        _unixStartMs = run.Scheduler.UnixStartMs;
    }

    protected IAnsiConsole Console { get; }
    protected ScenarioRun Run { get; }

    public static RunDisplay For(IAnsiConsole console, ScenarioRun run) =>
        console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected ? new LiveRunDisplay(console, run) : new PlainRunDisplay(console, run);

    /// <summary>One notable event, stamped with the run's own clock (UTC).</summary>
    public void Event(long timeUs, string text)
    {
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(_unixStartMs + timeUs / 1000);
        Console.MarkupLineInterpolated($"[grey]{at:HH:mm:ss.fff}[/] {text}");
    }

    public abstract void Progress(double fraction, long frames);

    public abstract ScenarioReport Follow(Func<ScenarioReport> run);
}
