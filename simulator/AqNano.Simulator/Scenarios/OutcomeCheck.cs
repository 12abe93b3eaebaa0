namespace AqNano.Simulator.Scenarios;

/// <summary>Compares what a verifier concluded about a role with what the scenario expects, and
/// says each difference in a sentence (an empty list: the expectation is met).</summary>
public static class OutcomeCheck
{
    public static IReadOnlyList<string> Differences(ExpectedOutcome expected, ObservedOutcome observed)
    {
        List<string> differences = new();
        string role = expected.Role;
        foreach (string verdict in expected.Verdicts.Where(v => !observed.Verdicts.Contains(v)))
        {
            differences.Add($"{role}: no frame was judged {verdict}");
        }
        foreach (string verdict in expected.NeverVerdicts.Where(observed.Verdicts.Contains))
        {
            differences.Add($"{role}: a frame was judged {verdict}, which must never happen");
        }
        if (expected.FinalModes.Length > 0)
        {
            if (observed.FinalModes.Count == 0) differences.Add($"{role}: no final Decision, expected {string.Join(" or ", expected.FinalModes)}");
            foreach (string mode in observed.FinalModes.Where(m => !expected.FinalModes.Contains(m)))
            {
                differences.Add($"{role}: final mode {mode}, expected {string.Join(" or ", expected.FinalModes)}");
            }
        }
        if (expected.Reasons.Length > 0)
        {
            foreach (string reason in observed.FinalReasons.Where(r => !expected.Reasons.Contains(r)))
            {
                differences.Add($"{role}: final reason {reason}, expected {string.Join(" or ", expected.Reasons)}");
            }
        }
        if (expected.Incident is bool incident && incident != observed.Incident)
        {
            differences.Add(incident ? $"{role}: no incident was opened" : $"{role}: an incident was opened for honest behaviour");
        }
        if (expected.BrokerRefuses is bool refuses && refuses != observed.BrokerRefusedAll)
        {
            differences.Add(refuses ? $"{role}: the broker forwarded a publish it must refuse" : $"{role}: the broker refused the role's publishes");
        }
        return differences;
    }
}
