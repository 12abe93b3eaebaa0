namespace AqNano.Simulator.Scenarios;

/// <summary>One attack, installed into a run before it starts. It acts through the run's scheduler,
/// boards and connections only, and says what it did in <see cref="Notes"/>.</summary>
public interface IScenarioAttack
{
    string Kind { get; }

    void Install(ScenarioRun run, AttackSpec spec);

    /// <summary>How many attacking actions it took (frames forged, held, altered, reboots...).</summary>
    long ActionCount { get; }

    /// <summary>One line per notable thing it did, for the summary and the event log.</summary>
    IReadOnlyList<string> Notes { get; }
}
