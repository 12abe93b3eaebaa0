using AqNano.Protocol;
using System.Text.Json;

namespace AqNano.Verifier.Tests;

/// <summary>Actuation: grants verified after the fact, rolled back when continuity breaks, revoked at once on divergence.</summary>
public class GrantTests
{
    [Fact]
    public void AGrantIsVerifiedAfterTheNextCleanLinks()
    {
        var h = new Harness();
        var device = TestDevice.Create(150);
        h.Run(device, 16);
        var grants = h.Records("grant").Select(g => JsonDocument.Parse(g.Detail).RootElement).ToList();
        Assert.Contains(grants, g => g.GetProperty("toScope").GetUInt16() == Scopes.All && g.GetProperty("why").GetString()!.StartsWith("full"));
        Assert.Contains(grants, g => g.GetProperty("toScope").GetUInt16() == Scopes.All && g.GetProperty("why").GetString()!.StartsWith("verified"));
    }

    [Fact]
    public void AGrantWhoseContinuityBreaksWithinItsVerificationIsRolledBack()
    {
        var h = new Harness();
        var device = TestDevice.Create(151);
        Judgement full = h.Run(device, 10);
        Assert.Equal(DecisionMode.AdmitFull, full.Mode);
        // An outage right after the grant (a missed link), then the device resumes.
        Judgement resumed = h.Send(device, device.Next(30_000_000), 30_000);
        Assert.Equal(DecisionMode.AdmitFull, resumed.Mode);
        Assert.Equal(Scopes.Observe | Scopes.Telemetry, resumed.GrantedScope);
        Assert.Contains(h.Records("revocation"), r => r.Detail.Contains("rolled back"));
        Judgement? later = h.Continue(device, 4);
        Assert.Equal(Scopes.All, later!.GrantedScope);
    }

    [Fact]
    public void DivergenceAfterAGrantRevokesItAtOnceWithLeastHarm()
    {
        var h = new Harness();
        var device = TestDevice.Create(152);
        h.Run(device, 20);
        TestDevice clone = device.Clone(153);
        h.Send(clone, clone.Next(), 1000, "clone");
        Judgement conflict = h.Send(device, device.Next(), 1000);
        // Open path: monitored (least harm), not quarantined; privileged scopes gone at this very frame.
        Assert.Equal(DecisionMode.AdmitMonitored, conflict.Mode);
        Assert.Equal(0, conflict.GrantedScope & (Scopes.Config | Scopes.Actuate | Scopes.Update));
        Assert.Equal(conflict.GrantedScope, h.Verifier.GrantedScope(device.DeviceId));
    }
}
