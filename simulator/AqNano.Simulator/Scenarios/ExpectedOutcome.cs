namespace AqNano.Simulator.Scenarios;

/// <summary>What the verifier must conclude about one role of a scenario, written next to the
/// scenario so that the verifier's end-to-end tests assert it (issue 4 "Acceptance"). Names are
/// those of the verifier's Verdict, the protocol's DecisionMode and Reasons; any listed value is
/// acceptable, anything else is a failure.</summary>
public sealed record ExpectedOutcome
{
    /// <summary>target, clone, attacker, witness, sybil, rebooted, honest.</summary>
    public required string Role { get; init; }
    /// <summary>Verdicts that must each appear at least once for frames sent by this role.</summary>
    public string[] Verdicts { get; init; } = Array.Empty<string>();
    /// <summary>Verdicts that must never appear for frames sent by this role.</summary>
    public string[] NeverVerdicts { get; init; } = Array.Empty<string>();
    /// <summary>Acceptable DecisionMode of the role's device id at the end of the run.</summary>
    public string[] FinalModes { get; init; } = Array.Empty<string>();
    /// <summary>Acceptable reason of that final Decision (empty: any).</summary>
    public string[] Reasons { get; init; } = Array.Empty<string>();
    /// <summary>"Mode/Reason" standings that Decisions published for the role's device ids must reach, in this order.</summary>
    public string[] Reached { get; init; } = Array.Empty<string>();
    /// <summary>Whether the verifier must have opened an incident for this role's device (null: either).</summary>
    public bool? Incident { get; init; }
    /// <summary>Whether the role's publishes must be refused at the broker (not forwarded to anyone).</summary>
    public bool? BrokerRefuses { get; init; }
    public string Note { get; init; } = "";
}
