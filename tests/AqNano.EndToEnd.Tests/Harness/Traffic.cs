using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>Bounds on what reaches the verifier, whatever the scenario.</summary>
public static class Traffic
{
    /// <summary>After an attack the genuine board's frames must reach the verifier a bounded number of times each
    /// (DESIGN.md "Delivery": resend until acknowledged, resend from a Decision's ackSeq): a Decision per refused
    /// frame, each making the device resend everything it keeps, would multiply traffic without bound.</summary>
    public static void AssertNoResendStorm(EndToEndRun run, ulong id, string board)
    {
        List<JudgedPublish> own = run.JudgedFor(id).Where(j => j.Connection.StartsWith(board + "#", StringComparison.Ordinal)).ToList();
        int distinct = own.Select(j => Convert.ToHexString(j.Publish.Payload)).Distinct().Count();
        Assert.True(own.Count <= 3 * distinct,
            $"{board}: {own.Count} publishes judged for {distinct} distinct frames; {own.Count(j => j.Judgement.Verdict == Verdict.Gap)} gaps, "
            + $"{run.DecisionsFor(id).Count()} Decisions published");
    }
}
