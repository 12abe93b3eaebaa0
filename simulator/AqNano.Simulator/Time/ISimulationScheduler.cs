using AqNano.Simulator.Models;

namespace AqNano.Simulator.Time;

/// <summary>The run's time and its events: what happens when. One thread runs the events in time
/// order (ties in the order they were scheduled), so a seeded run in virtual time is the same run
/// every time.</summary>
public interface ISimulationScheduler : ITrueTime
{
    /// <summary>Unix milliseconds at true time zero (captures and the CLI print wall-clock times).</summary>
    long UnixStartMs { get; }

    bool IsVirtual { get; }

    /// <summary>Runs <paramref name="action"/> at true time <paramref name="atUs"/> (now, if that has passed).</summary>
    void At(long atUs, Action action);

    /// <summary>Runs events until true time <paramref name="endUs"/> or cancellation; returns how many ran.</summary>
    long RunUntil(long endUs, CancellationToken cancellation = default);
}
