using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>Counts, without keeping every frame, what the verifier did to a large honest fleet: frames judged per
/// verdict, frames refused (not forwarded), and Decisions that refused or quarantined a device.</summary>
public sealed class HonestFleetTally
{
    private readonly RoleMembers _honest;

    public HonestFleetTally(EndToEndRun run, RoleMembers honest)
    {
        _honest = honest;
        run.Interceptor.Judged += Count;
        run.Interceptor.DecisionPublished += (id, frame) =>
        {
            if (!_honest.DeviceIds.Contains(id)) return;
            Decisions++;
            // Decision body offset 32 is the mode (DESIGN.md "Decision body").
            if (frame[32] == (byte)DecisionMode.Refused) RefusedDecisions.Add(id);
        };
    }

    public Dictionary<Verdict, long> Verdicts { get; } = new();
    public long Frames { get; private set; }
    public long Decisions { get; private set; }
    public List<string> Refusals { get; } = new();
    public HashSet<ulong> RefusedDecisions { get; } = new();

    private void Count(JudgedPublish judged)
    {
        if (!_honest.Sent(judged.Connection)) return;
        Frames++;
        Verdicts[judged.Judgement.Verdict] = Verdicts.GetValueOrDefault(judged.Judgement.Verdict) + 1;
        if (!judged.Judgement.Forward && Refusals.Count < 20) Refusals.Add(judged.Judgement.Explanation);
    }
}
