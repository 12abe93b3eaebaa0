using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>Checks the outcome a scenario file claims for each role (issue 4 "Acceptance": the scenarios'
/// expected outcomes are asserted by the end-to-end tests) against what the verifier actually did.
/// Returns one line per unmet claim, so a failing test names every broken claim at once.</summary>
public static class OutcomeChecker
{
    public static IReadOnlyList<string> Check(EndToEndRun run)
    {
        var failures = new List<string>();
        foreach (ExpectedOutcome expected in run.Run.Definition.Expected)
        {
            if (!run.Run.Roles.Has(expected.Role))
            {
                failures.Add($"role '{expected.Role}' does not occur in the run");
                continue;
            }
            CheckRole(run, expected, run.Run.Roles[expected.Role], failures);
        }
        return failures;
    }

    private static void CheckRole(EndToEndRun run, ExpectedOutcome expected, RoleMembers members, List<string> failures)
    {
        string role = expected.Role;
        var seen = run.Judged.Where(j => members.Sent(j.Connection)).Select(j => j.Judgement.Verdict.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (string verdict in expected.Verdicts.Where(v => !seen.Contains(v)))
        {
            failures.Add($"{role}: no frame judged {verdict} (seen: {string.Join(", ", seen.Order())})");
        }
        foreach (string verdict in expected.NeverVerdicts.Where(seen.Contains))
        {
            failures.Add($"{role}: a frame was judged {verdict}: {FirstExplanation(run, members, verdict)}");
        }
        foreach (ulong id in members.DeviceIds)
        {
            DeviceView? view = run.Verifier.Device(id);
            string device = $"{role} {Hex.FromWire(id)}";
            if (view == null)
            {
                if (expected.FinalModes.Length > 0 || expected.Incident == true) failures.Add($"{device}: unknown to the verifier");
                continue;
            }
            string mode = view.Mode.ToString(), reason = ReasonNames.Of(view.Reason);
            if (expected.FinalModes.Length > 0 && !expected.FinalModes.Contains(mode))
                failures.Add($"{device}: final mode {mode}/{reason}, expected one of {string.Join(", ", expected.FinalModes)} ({view.Explanation})");
            if (expected.Reasons.Length > 0 && !expected.Reasons.Contains(reason))
                failures.Add($"{device}: final reason {reason}, expected one of {string.Join(", ", expected.Reasons)} ({view.Explanation})");
            if (expected.Incident is bool incident && (view.Incidents > 0) != incident)
                failures.Add($"{device}: {view.Incidents} incidents, expected {(incident ? "at least one" : "none")} ({view.Explanation})");
        }
        CheckReached(run, expected, members, failures);
        if (expected.BrokerRefuses is bool refuses)
        {
            (long forwarded, long refused) = run.BrokerCounts(members);
            bool ok = refuses ? refused > 0 && forwarded == 0 : refused == 0;
            if (!ok) failures.Add($"{role}: broker forwarded {forwarded} and refused {refused} of its publishes, expected {(refuses ? "all refused" : "none refused")}");
        }
    }

    /// <summary>Each "Mode/Reason" of <see cref="ExpectedOutcome.Reached"/> must appear among the Decisions published
    /// for the role's devices, after the previous one.</summary>
    private static void CheckReached(EndToEndRun run, ExpectedOutcome expected, RoleMembers members, List<string> failures)
    {
        if (expected.Reached.Length == 0) return;
        foreach (ulong id in members.DeviceIds)
        {
            var published = run.DecisionsFor(id).Select(d => $"{d.Mode}/{ReasonNames.Of(d.Reason)}").ToList();
            int at = 0;
            foreach (string standing in expected.Reached)
            {
                int found = published.FindIndex(at, p => p == standing);
                if (found < 0)
                {
                    failures.Add($"{expected.Role} {Hex.FromWire(id)}: never reached {standing} after {string.Join(", ", expected.Reached.TakeWhile(r => r != standing))}"
                               + $" (published: {string.Join(", ", published.Distinct())})");
                    break;
                }
                at = found;
            }
        }
    }

    private static string FirstExplanation(EndToEndRun run, RoleMembers members, string verdict) =>
        run.Judged.First(j => members.Sent(j.Connection) && j.Judgement.Verdict.ToString() == verdict).Judgement.Explanation;
}
