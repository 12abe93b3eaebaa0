using AqNano.Protocol;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>Graduated admission with the demo defaults (docs/VERIFIER.md "Policy").</summary>
public class AdmissionTests
{
    [Theory]
    [InlineData(2000)]
    [InlineData(5000)]
    public void AnHonestDeviceReachesFullWithinAboutAMinute(int intervalMs)
    {
        var h = new Harness();
        var device = TestDevice.Create(20);
        h.Send(device, device.Genesis());
        long start = h.Now;
        Judgement? full = null;
        for (int i = 0; i < 60 && full == null; i++)
        {
            Judgement j = h.Send(device, device.Next((ulong)intervalMs * 1000), intervalMs);
            Assert.NotEqual(DecisionMode.Refused, j.Mode);
            if (j.Mode == DecisionMode.AdmitFull) full = j;
        }
        Assert.NotNull(full);
        Assert.InRange(h.Now - start, 30_000, 60_000);
        Assert.Equal(Scopes.All, full!.GrantedScope);
        Assert.Equal(Reasons.None, full.Reason);
        Assert.NotNull(full.Evidence);
        Assert.True(full.Evidence!.ContinuityDepth >= 10);
    }

    [Fact]
    public void GrantedScopeIsIntentMaskedByTheModesCeiling()
    {
        var h = new Harness();
        var device = TestDevice.Create(21);
        device.RequestedScope = Scopes.Observe | Scopes.Config;
        Judgement j = h.Run(device, 12);
        Assert.Equal(DecisionMode.AdmitFull, j.Mode);
        Assert.Equal(Scopes.Observe | Scopes.Config, j.GrantedScope);
        Assert.Equal(j.GrantedScope, h.Verifier.GrantedScope(device.DeviceId));
    }

    [Fact]
    public void ZoneThatNeedsAWitnessDefersANewDeviceUntilOneAgrees()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].RequireWitnessForGenesis = true;
        var witness = TestDevice.Create(23);
        policy.Witnesses.Add(Hex.FromWire(witness.DeviceId));
        var h = new Harness(policy);
        var device = TestDevice.Create(22);
        Judgement genesis = h.Send(device, device.Genesis());
        Assert.Equal(DecisionMode.Deferred, genesis.Mode);
        Assert.Equal(Reasons.AwaitingWitness, genesis.Reason);
        // A registered witness is pre-registered: its own Genesis is not held back.
        h.Send(witness, witness.Genesis(), 100, connection: "gateway");
        h.Send(device, device.Next(), 5000);
        h.Send(witness, witness.Witness(device, 1, device.Digests[1]), 100, connection: "gateway");
        IReadOnlyList<Judgement> changed = h.Verifier.Tick();
        Judgement lifted = Assert.Single(changed, j => j.DeviceId == device.DeviceId);
        Assert.Equal(DecisionMode.AdmitRestricted, lifted.Mode);
        Assert.NotNull(lifted.DecisionFrame);
    }

    [Fact]
    public void AllowlistOnlyZoneRefusesOthersAndNeverCreatesThem()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].AllowlistOnly = true;
        var known = TestDevice.Create(24);
        policy.Allowlist.Add(Hex.FromWire(known.DeviceId));
        var h = new Harness(policy);
        var stranger = TestDevice.Create(25);
        Judgement refused = h.Send(stranger, stranger.Genesis());
        Assert.Equal(DecisionMode.Refused, refused.Mode);
        Assert.Equal(Reasons.NotAllowlisted, refused.Reason);
        Assert.Null(h.Verifier.Device(stranger.DeviceId));
        Assert.Equal(Verdict.Genesis, h.Send(known, known.Genesis()).Verdict);
    }

    [Fact]
    public void NewIdentitiesBeyondTheZonesRateAreRefused()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].NewIdentitiesPerHour = 2;
        var h = new Harness(policy);
        for (int i = 0; i < 2; i++)
        {
            var device = TestDevice.Create(30 + i);
            Assert.Equal(Verdict.Genesis, h.Send(device, device.Genesis(), 1000).Verdict);
        }
        var third = TestDevice.Create(40);
        Judgement j = h.Send(third, third.Genesis(), 1000);
        Assert.Equal(Reasons.IdentityRateExceeded, j.Reason);
        Assert.Null(h.Verifier.Device(third.DeviceId));
        var later = TestDevice.Create(41);
        Assert.Equal(Verdict.Genesis, h.Send(later, later.Genesis(), 3_600_000).Verdict);
    }

    [Fact]
    public void WitnessesForFullHoldsADeviceRestrictedUntilEnoughAgree()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].WitnessesForFull = 1;
        var h = new Harness(policy);
        var device = TestDevice.Create(26);
        Judgement j = h.Run(device, 14);
        Assert.Equal(DecisionMode.AdmitRestricted, j.Mode);
        Assert.Equal(Reasons.AwaitingWitness, j.Reason);
    }

    [Fact]
    public void AFeatureOutsideTheProfileMonitorsAndAFeatureFarFromHistoryToo()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].Profile.FeatureRanges["temperatureC"] = [-20, 60];
        var h = new Harness(policy);
        var device = TestDevice.Create(27);
        h.Run(device, 40);
        device.FeatureValues[Protocol.Frames.Features.TemperatureC] = 95;
        h.Send(device, device.Next(), 5000);
        Judgement context = h.Send(device, device.Next(), 5000); // the hot frame's tag checks here
        Assert.Equal(DecisionMode.AdmitMonitored, context.Mode);
        Assert.Equal(Reasons.ContextViolation, context.Reason);

        var h2 = new Harness();
        var other = TestDevice.Create(28);
        h2.Run(other, 40);
        other.FeatureValues[Protocol.Frames.Features.JitterMeanUs] = 400;
        h2.Send(other, other.Next(), 5000);
        Judgement anomaly = h2.Send(other, other.Next(), 5000);
        Assert.Equal(DecisionMode.AdmitMonitored, anomaly.Mode);
        Assert.Equal(Reasons.FeatureAnomaly, anomaly.Reason);
        Assert.Contains("jitterMeanUs", anomaly.Explanation);
    }

    [Fact]
    public void UptimeGoingBackwardsOrRunningAheadOfWallTimeMonitors()
    {
        var h = new Harness();
        var device = TestDevice.Create(29);
        h.Run(device, 12);
        // Uptime advances 60 s while only 5 s of wall time pass: a clock that ran ahead.
        Judgement ahead = h.Send(device, device.Next(60_000_000), 5000);
        Assert.Equal(DecisionMode.AdmitMonitored, ahead.Mode);
        Assert.Equal(Reasons.SkewAnomaly, ahead.Reason);

        var h2 = new Harness();
        var other = TestDevice.Create(30);
        h2.Run(other, 3);
        Judgement back = h2.Send(other, other.Next(0), 5000);
        Assert.Equal(Reasons.UptimeRegression, back.Reason);
    }

    [Fact]
    public void SlowClockFramesGetTheirOwnTolerance()
    {
        var h = new Harness();
        var device = TestDevice.Create(31);
        h.Run(device, 12);
        // 30 minutes of light sleep on the RTC slow clock, 3 % fast: inside its tolerance, not in the skew fit.
        // (It was 10 minutes, 18 s ahead: unflagged, that is now within deliveryLagToleranceMs, 30 s, and
        // indistinguishable from earlier frames delivered late; 54 s is not.)
        Judgement slow = h.Send(device, device.Next(1_854_000_000, Protocol.Frames.ObservationFlags.SlowClock), 1_800_000);
        Assert.NotEqual(Reasons.SkewAnomaly, slow.Reason);
        var h2 = new Harness();
        var other = TestDevice.Create(32);
        h2.Run(other, 12);
        Judgement fast = h2.Send(other, other.Next(1_854_000_000), 1_800_000);
        Assert.Equal(Reasons.SkewAnomaly, fast.Reason);
    }
}
