namespace AqNano.Simulator.Scenarios;

/// <summary>A scenario that cannot run as written: a clear refusal naming the file and the field.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string message) : base(message)
    {
    }
}
