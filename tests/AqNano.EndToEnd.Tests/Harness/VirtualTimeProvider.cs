using AqNano.Simulator.Time;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>The verifier's injectable clock (issue 5 item 6) reading the simulation's virtual time, so that
/// the verifier and the boards share one timeline and a seeded run gives the same judgements every time.</summary>
public sealed class VirtualTimeProvider(ISimulationScheduler scheduler) : TimeProvider
{
    public long NowUnixMs => scheduler.UnixStartMs + scheduler.NowUs / 1000;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowUnixMs);
}
