using AqNano.Simulator.Models;

namespace AqNano.Simulator.Tests;

/// <summary>True time the test moves by hand.</summary>
internal sealed class ManualTime : ITrueTime
{
    public long NowUs { get; set; }
}
