using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>Every step is one ledger record with the agreed kinds and camelCase Detail (issue 5, item 6).</summary>
public class LedgerRecordTests
{
    [Fact]
    public void AcceptedFramesDecisionsGrantsAndPolicyAreRecordedWithTheirFields()
    {
        var h = new Harness();
        var device = TestDevice.Create(130);
        h.Run(device, 12);
        JsonElement policy = Detail(h.Records("policy").Single());
        Assert.Equal(64, policy.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("defaults", policy.GetProperty("source").GetString());

        var frames = h.Records("frame").ToList();
        Assert.Equal(13, frames.Count);
        Assert.All(frames, f => Assert.NotEmpty(f.Frame));
        JsonElement frame = Detail(frames[1]);
        Assert.Equal("next", frame.GetProperty("verdict").GetString());
        Assert.Equal(Hex.FromWire(device.Epoch), frame.GetProperty("epoch").GetString());
        Assert.Equal(1u, frame.GetProperty("seq").GetUInt32());
        Assert.Equal(Convert.ToHexStringLower(device.Digests[1]), frame.GetProperty("digest").GetString());
        Assert.Equal("device", frame.GetProperty("connection").GetString());
        Assert.Equal("open", frame.GetProperty("path").GetString());

        JsonElement decision = Detail(h.Records("decision").Last());
        Assert.Equal("AdmitFull", decision.GetProperty("mode").GetString());
        Assert.Equal("None", decision.GetProperty("reasonName").GetString());
        Assert.Equal(Scopes.All, decision.GetProperty("grantedScope").GetUInt16());
        Assert.True(decision.GetProperty("evidence").GetProperty("continuityDepth").GetInt32() >= 10);
        Assert.Contains(h.Records("grant"), g => Detail(g).GetProperty("toScope").GetUInt16() == Scopes.All);
        Assert.True(h.Ledger.Verify() == null);
    }

    [Fact]
    public void RefusalsAreRecordedInFullUpToTheBudgetThenCounted()
    {
        var h = new Harness(new VerifierPolicy { RefusalBudgetPerSource = 3 });
        var device = TestDevice.Create(131);
        for (int i = 0; i < 20; i++) h.Send(device, new byte[] { 0x41, 0x51, (byte)i }, 10, connection: "noisy");
        h.Send(device, new byte[] { 1 }, 10, connection: "quiet");
        var refusals = h.Records("refusal").ToList();
        Assert.Equal(4, refusals.Count);
        Assert.Equal(3, refusals.Count(r => Detail(r).GetProperty("connection").GetString() == "noisy"));
        Assert.All(refusals, r => Assert.NotEmpty(r.Frame));
        var counts = h.Records("refusal-count").Select(Detail).ToList();
        Assert.Equal([1L, 2, 4, 8, 16], counts.Select(c => c.GetProperty("suppressed").GetInt64()));
        h.Verifier.Tick();
        Assert.Equal(17, Detail(h.Records("refusal-count").Last()).GetProperty("suppressed").GetInt64());
    }

    [Fact]
    public void OperatorRevokeAndReinstateAreRecordedWithNameAndReason()
    {
        var h = new Harness();
        var device = TestDevice.Create(132);
        h.Run(device, 12);
        Judgement revoked = h.Verifier.Revoke(device.DeviceId, "carol", "suspicious traffic")!;
        Assert.Equal(DecisionMode.Refused, revoked.Mode);
        Assert.Equal(Reasons.OperatorRevoked, revoked.Reason);
        Assert.Equal(Scopes.Observe, revoked.GrantedScope);
        Assert.NotNull(revoked.DecisionFrame);
        Assert.Equal(DecisionMode.Refused, h.Send(device, device.Next(), 5000).Mode);
        Judgement back = h.Verifier.Reinstate(device.DeviceId, "carol", "checked")!;
        Assert.Equal(DecisionMode.AdmitFull, back.Mode);
        var operators = h.Records("operator").Select(Detail).ToList();
        Assert.Equal(["revoke", "reinstate"], operators.Select(o => o.GetProperty("action").GetString()));
        Assert.All(operators, o => Assert.Equal("carol", o.GetProperty("operator").GetString()));
        Assert.Contains(h.Records("revocation"), r => Detail(r).GetProperty("toScope").GetUInt16() == Scopes.Observe);
        Assert.Null(h.Verifier.Revoke(12345, "carol", "unknown"));
    }

    [Fact]
    public void APolicyChangeIsRecorded()
    {
        var h = new Harness();
        var changed = new VerifierPolicy { KeepIntervals = 20 };
        h.Verifier.ApplyPolicy(changed, "policy.json");
        var policies = h.Records("policy").Select(Detail).ToList();
        Assert.Equal(2, policies.Count);
        Assert.NotEqual(policies[0].GetProperty("sha256").GetString(), policies[1].GetProperty("sha256").GetString());
        Assert.Equal("policy.json", policies[1].GetProperty("source").GetString());
    }

    private static JsonElement Detail(Lineage.LedgerEntry entry) => JsonDocument.Parse(entry.Detail).RootElement;
}
