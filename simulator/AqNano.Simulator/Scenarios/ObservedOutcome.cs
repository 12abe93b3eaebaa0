namespace AqNano.Simulator.Scenarios;

/// <summary>What a verifier made of one role in a run, in the names <see cref="ExpectedOutcome"/>
/// uses (the verifier's Verdict names, DecisionMode and Reasons names). Tests build it from their
/// verifier's judgements; the simulator never sees the verifier's types.</summary>
public sealed record ObservedOutcome
{
    /// <summary>Every verdict given to a frame sent by the role's connections.</summary>
    public IReadOnlySet<string> Verdicts { get; init; } = new HashSet<string>();
    /// <summary>The last Decision's mode for the role's device id(s); null when none was made.</summary>
    public IReadOnlyList<string> FinalModes { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> FinalReasons { get; init; } = Array.Empty<string>();
    public bool Incident { get; init; }
    /// <summary>True when every publish of the role's connections was refused at the broker.</summary>
    public bool BrokerRefusedAll { get; init; }
}
