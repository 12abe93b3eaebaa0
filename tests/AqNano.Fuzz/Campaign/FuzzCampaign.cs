using System.Diagnostics;
using AqNano.Fuzz.Mutation;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Campaign;

/// <summary>Runs a bounded number of mutated inputs through a target, catching and keeping whatever
/// it throws, and counting every outcome. Bounded by count, not time, so a run is reproducible.</summary>
public static class FuzzCampaign
{
    public const int FindingsKept = 50;

    public static CampaignResult Run(IFuzzTarget target, IReadOnlyList<byte[]> seeds, int seed, long count, Action<long>? progress = null)
    {
        var mutator = new FrameMutator(seeds, seed);
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var examples = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long exceptions = 0;
        var clock = Stopwatch.StartNew();
        for (long index = 0; index < count; index++)
        {
            byte[] input = mutator.Next();
            string outcome;
            try
            {
                outcome = target.Execute(input);
            }
            catch (Exception exception)
            {
                exceptions++;
                outcome = "exception:" + exception.GetType().Name;
                if (findings.Count < FindingsKept) findings.Add(new Finding(index, input, exception.ToString()));
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            examples.TryAdd(outcome, input);
            if (progress is not null && (index + 1) % 100_000 == 0) progress(index + 1);
        }
        clock.Stop();
        var applied = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (MutationKind kind in Enum.GetValues<MutationKind>()) applied[kind.ToString()] = mutator.Applied[(int)kind];
        return new CampaignResult(target.Name, seed, count, outcomes, exceptions, findings, applied, examples, clock.Elapsed);
    }
}
