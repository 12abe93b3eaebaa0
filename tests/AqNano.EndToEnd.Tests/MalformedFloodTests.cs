using System.Text.Json;
using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;
using AqNano.Verifier.Lineage;

namespace AqNano.EndToEnd.Tests;

/// <summary>The project's rule for bad input, end to end: every malformed publish of the catalogue's flood gets a
/// typed refusal, is dropped at the broker, changes no device state, and is recorded in full up to the per-source
/// budget and counted beyond it (DESIGN.md "Lineage": nobody can fill the disk).</summary>
public sealed class MalformedFloodTests
{
    [Fact]
    public void FloodIsRefusedTypedRecordedWithinBudgetAndChangesNoState()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("malformed-flood"));
        ulong id = run.Run.Roles["target"].DeviceIds.Single();
        RoleMembers attacker = run.Run.Roles["attacker"];
        var unchanged = new StateWatch(run, id, attacker);
        run.Execute();

        List<JudgedPublish> flood = run.Judged.Where(j => attacker.Sent(j.Connection)).ToList();
        int sent = run.Run.Definition.Attacks.Single().Count;
        Assert.Equal(sent, flood.Count);
        Assert.All(flood, j => Assert.False(j.Judgement.Forward || j.Judgement.TakeOwnership || j.Judgement.DecisionFrame != null));
        Assert.All(flood, j => Assert.True(j.Judgement.Reason is Reasons.MalformedFrame or Reasons.TopicMismatch or Reasons.BrokenLink,
            j.Judgement.Explanation));
        Assert.Equal(sent, unchanged.Checked);
        Assert.True(unchanged.Changed.Count == 0, string.Join("\n", unchanged.Changed));
        Assert.Equal((0L, (long)sent), run.BrokerCounts(attacker));

        List<LedgerEntry> ledger = run.Ledger.Read().ToList();
        int budget = run.Policy.RefusalBudgetPerSource;
        Assert.Equal(budget, ledger.Count(e => e.Kind == "refusal" && Field(e, "connection") == "attacker-flood"));
        long counted = ledger.Where(e => e.Kind == "refusal-count" && Field(e, "source") == "attacker-flood")
            .Select(e => JsonDocument.Parse(e.Detail).RootElement.GetProperty("suppressed").GetInt64()).Last();
        Assert.Equal(sent - budget, counted);
    }

    private static string? Field(LedgerEntry entry, string name) =>
        JsonDocument.Parse(entry.Detail).RootElement.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    /// <summary>Stands in front of the run's interceptor and compares the device's persisted state bytes before
    /// and after each attacker publish is judged.</summary>
    private sealed class StateWatch : IPublishInterceptor
    {
        private readonly EndToEndRun _run;
        private readonly ulong _id;
        private readonly RoleMembers _attacker;

        public StateWatch(EndToEndRun run, ulong id, RoleMembers attacker)
        {
            (_run, _id, _attacker) = (run, id, attacker);
            run.Broker.Interceptor = this;
        }

        public int Checked { get; private set; }
        public List<string> Changed { get; } = new();

        public PublishDecision Intercept(InterceptedPublish publish)
        {
            if (!_attacker.Sent(publish.ConnectionLabel)) return _run.Interceptor.Intercept(publish);
            byte[]? before = _run.Verifier.StateBytes(_id);
            PublishDecision decision = _run.Interceptor.Intercept(publish);
            byte[]? after = _run.Verifier.StateBytes(_id);
            Checked++;
            if (!(before ?? []).AsSpan().SequenceEqual(after ?? [])) Changed.Add($"state changed by publish #{Checked} at {publish.ReceivedTrueUs} us");
            return decision;
        }
    }
}
