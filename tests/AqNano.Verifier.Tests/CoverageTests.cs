using System.Reflection;
using AqNano.Protocol;

namespace AqNano.Verifier.Tests;

/// <summary>Every reason code, every verdict and every mode is produced by some scenario of this suite
/// (issue 5 acceptance: "unit tests for every mode and every reason"). Runs the other facts and theories
/// in-process and collects what they judged.</summary>
public class CoverageTests
{
    private static List<Judgement> RunAllScenarios()
    {
        var collected = new List<Judgement>();
        Harness.Collector.Value = collected;
        try
        {
            foreach (Type type in typeof(CoverageTests).Assembly.GetTypes().Where(t => t.IsPublic && t != typeof(CoverageTests)))
            {
                foreach (MethodInfo method in type.GetMethods())
                {
                    if (method.GetCustomAttribute<TheoryAttribute>() != null)
                    {
                        foreach (InlineDataAttribute data in method.GetCustomAttributes<InlineDataAttribute>())
                        {
                            Invoke(type, method, data.GetData(method).Single());
                        }
                    }
                    else if (method.GetCustomAttribute<FactAttribute>() != null)
                    {
                        Invoke(type, method, null);
                    }
                }
            }
        }
        finally
        {
            Harness.Collector.Value = null;
        }
        return collected;
    }

    private static void Invoke(Type type, MethodInfo method, object?[]? arguments)
    {
        object instance = Activator.CreateInstance(type)!;
        try { method.Invoke(instance, arguments); }
        finally { (instance as IDisposable)?.Dispose(); }
    }

    [Fact]
    public void EveryReasonEveryVerdictAndEveryModeIsExercised()
    {
        // Reasons are appended in blocks assigned to parallel work (docs/PROTOCOL.md "Reasons"): a branch may
        // lack another's block, so Last must be the highest named reason rather than the count minus one.
        Assert.Equal(Reasons.Last, ReasonNames.All.Max());
        List<Judgement> judged = RunAllScenarios();
        var reasons = judged.Select(j => j.Reason).ToHashSet();
        var missingReasons = ReasonNames.All.Where(r => !reasons.Contains(r)).Select(ReasonNames.Of).ToList();
        Assert.True(missingReasons.Count == 0, "reasons never produced: " + string.Join(", ", missingReasons));
        var verdicts = judged.Select(j => j.Verdict).ToHashSet();
        Assert.Equal(Enum.GetValues<Verdict>().ToHashSet(), verdicts);
        Assert.Equal(Enum.GetValues<DecisionMode>().ToHashSet(), judged.Select(j => j.Mode).ToHashSet());
    }
}
