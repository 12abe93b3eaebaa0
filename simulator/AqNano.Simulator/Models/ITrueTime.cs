namespace AqNano.Simulator.Models;

/// <summary>The simulation's true time, in microseconds since the run started, as the models see
/// it (virtual or real, see Time/). Device clocks derive from it through their own skew.</summary>
public interface ITrueTime
{
    long NowUs { get; }
}
