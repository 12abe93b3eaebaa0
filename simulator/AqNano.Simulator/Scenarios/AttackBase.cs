namespace AqNano.Simulator.Scenarios;

/// <summary>Bookkeeping every attack shares: its notes and action count, echoed to the run's event log.</summary>
public abstract class AttackBase : IScenarioAttack
{
    private readonly List<string> _notes = new();
    private ScenarioRun? _run;

    public abstract string Kind { get; }
    public long ActionCount { get; protected set; }
    public IReadOnlyList<string> Notes => _notes;

    public void Install(ScenarioRun run, AttackSpec spec)
    {
        _run = run;
        Setup(run, spec);
    }

    protected abstract void Setup(ScenarioRun run, AttackSpec spec);

    protected void Note(string text)
    {
        _notes.Add(text);
        _run?.Notify($"{Kind}: {text}");
    }
}
