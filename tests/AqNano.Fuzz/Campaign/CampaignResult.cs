namespace AqNano.Fuzz.Campaign;

/// <summary>What one campaign did: inputs run, outcomes by name (accepted and each refusal reason),
/// exceptions, the first findings kept in full, the first input of each outcome (regression
/// examples), and the wall time it took.</summary>
public sealed record CampaignResult(
    string Target,
    int Seed,
    long Inputs,
    IReadOnlyDictionary<string, long> Outcomes,
    long Exceptions,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, long> MutationsApplied,
    IReadOnlyDictionary<string, byte[]> FirstInputByOutcome,
    TimeSpan Elapsed);
