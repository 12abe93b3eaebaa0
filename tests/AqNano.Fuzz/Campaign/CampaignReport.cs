using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AqNano.Fuzz.Campaign;

/// <summary>A campaign's figures as Markdown, with the machine they were measured on, ready for docs/FUZZING.md.</summary>
public static class CampaignReport
{
    public static string ToMarkdown(CampaignResult result)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        int refusalReasons = result.Outcomes.Keys.Count(key => key.Contains(':') && !key.StartsWith("exception:", StringComparison.Ordinal));
        int otherOutcomes = result.Outcomes.Keys.Count(key => !key.Contains(':'));
        text.AppendLine(invariant, $"### Target `{result.Target}`, seed {result.Seed}");
        text.AppendLine();
        text.AppendLine(invariant, $"- inputs: {result.Inputs:N0}");
        text.AppendLine(invariant, $"- exceptions and broken invariants: {result.Exceptions:N0}");
        text.AppendLine(invariant, $"- distinct refusal reasons hit: {refusalReasons}; outcomes taken in: {otherOutcomes}");
        text.AppendLine(invariant, $"- wall time: {result.Elapsed.TotalSeconds:F1} s ({result.Inputs / Math.Max(result.Elapsed.TotalSeconds, 1e-9):N0} inputs/s, one thread)");
        text.AppendLine(invariant, $"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        text.AppendLine();
        text.AppendLine("| outcome | inputs |");
        text.AppendLine("|---|---:|");
        foreach (var (outcome, inputs) in result.Outcomes.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.AppendLine(invariant, $"| {outcome} | {inputs:N0} |");
        }
        text.AppendLine();
        text.AppendLine("| mutation | times applied |");
        text.AppendLine("|---|---:|");
        foreach (var (mutation, times) in result.MutationsApplied) text.AppendLine(invariant, $"| {mutation} | {times:N0} |");
        return text.ToString();
    }
}
