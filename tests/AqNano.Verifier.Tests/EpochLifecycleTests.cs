using AqNano.Protocol;

namespace AqNano.Verifier.Tests;

/// <summary>Genesis for a known id, candidates, promotion, the keep period and contention (DESIGN.md "Genesis for a known id").</summary>
public class EpochLifecycleTests
{
    [Fact]
    public void GenesisRaceLeavesTheImpostorDeferredAndTheLiveEpochUnharmed()
    {
        var h = new Harness();
        var device = TestDevice.Create(70);
        h.Run(device, 12);
        var impostor = device.Reboot(0xBAD0_0001, 71);
        Judgement candidate = h.Send(impostor, impostor.Genesis(), 1000, "impostor");
        Assert.Equal(Verdict.Candidate, candidate.Verdict);
        Assert.Equal(DecisionMode.Deferred, candidate.Mode);
        Assert.Equal(Reasons.CandidateEpoch, candidate.Reason);
        Assert.Null(candidate.DecisionFrame); // candidates are recorded, not published
        for (int i = 0; i < 10; i++)
        {
            Judgement live = h.Send(device, device.Next(), 4000);
            Assert.Equal(DecisionMode.AdmitFull, live.Mode);
            Judgement fake = h.Send(impostor, impostor.Next(), 1000, "impostor");
            Assert.Equal(Verdict.Candidate, fake.Verdict);
            Assert.Equal(DecisionMode.Deferred, fake.Mode);
        }
        Assert.Equal(device.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
    }

    [Fact]
    public void RebootIsPromotedAfterAMissedLinkThenObserveForTheKeepPeriodThenRestrictedThenFull()
    {
        var h = new Harness();
        var device = TestDevice.Create(72);
        h.Run(device, 12);
        var rebooted = device.Reboot(0x5EED_0002, 73);
        Assert.Equal(Verdict.Candidate, h.Send(rebooted, rebooted.Genesis(), 3000, "new-connection").Verdict);
        // The old epoch's link was due at +5 s; a candidate link at +8 s comes after 1.5 intervals: promotion.
        Judgement promoted = h.Send(rebooted, rebooted.Next(), 5000, "new-connection");
        Assert.Equal(Verdict.Candidate, promoted.Verdict);
        Assert.True(promoted.TakeOwnership);
        Assert.NotNull(promoted.DecisionFrame);
        Assert.Equal(DecisionMode.AdmitRestricted, promoted.Mode);
        Assert.Equal(Reasons.KeepPeriod, promoted.Reason);
        Assert.Equal(Scopes.Observe, promoted.GrantedScope);
        Assert.Equal(rebooted.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);

        var modes = new List<(DecisionMode, byte)>();
        for (int i = 0; i < 24; i++)
        {
            Judgement j = h.Send(rebooted, rebooted.Next(), 5000, "new-connection");
            Assert.Equal(Verdict.Next, j.Verdict);
            modes.Add((j.Mode, j.Reason));
        }
        Assert.Contains((DecisionMode.AdmitRestricted, Reasons.KeepPeriod), modes);
        Assert.Contains((DecisionMode.AdmitRestricted, Reasons.YoungEpoch), modes);
        Assert.Equal(DecisionMode.AdmitFull, modes[^1].Item1);
        // Continuity deepens again only after the keep period: the tenth link after it is full, nine are restricted.
        Assert.Equal(9, modes.Count(m => m == (DecisionMode.AdmitRestricted, Reasons.YoungEpoch)));
        int firstYoung = modes.IndexOf((DecisionMode.AdmitRestricted, Reasons.YoungEpoch));
        Assert.True(modes.Take(firstYoung).All(m => m.Item2 == Reasons.KeepPeriod));
    }

    [Fact]
    public void APromotionIsNeverMadeWhileTheCurrentEpochKeepsLinking()
    {
        var h = new Harness();
        var device = TestDevice.Create(74);
        h.Run(device, 3);
        var candidate = device.Reboot(0x5EED_0003, 75);
        h.Send(candidate, candidate.Genesis(), 1000, "other");
        h.Send(device, device.Next(), 4000);
        Assert.Equal(Verdict.Candidate, h.Send(candidate, candidate.Next(), 1000, "other").Verdict);
        Assert.Equal(device.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
    }

    [Fact]
    public void TheClosedEpochLinkingDuringTheKeepPeriodMakesTheIdentityContended()
    {
        var h = new Harness();
        var device = TestDevice.Create(76);
        h.Run(device, 12);
        var impostor = device.Reboot(0xBAD0_0004, 77);
        h.Send(impostor, impostor.Genesis(), 3000, "impostor");
        h.Send(impostor, impostor.Next(), 5000, "impostor"); // the device was briefly silent: promoted
        Assert.Equal(impostor.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
        Judgement back = h.Send(device, device.Next(), 2000, "device");
        Assert.Equal(Verdict.Contended, back.Verdict);
        Assert.Equal(DecisionMode.Deferred, back.Mode);
        Assert.Equal(Reasons.ContendedIdentity, back.Reason);
        Assert.Equal(DecisionMode.Deferred, h.Send(impostor, impostor.Next(), 1000, "impostor").Mode);
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("\"type\":\"contended\""));

        // An operator resolves it for the current epoch: the closed epoch's links are stale from then on.
        Judgement resolved = h.Verifier.Reinstate(device.DeviceId, "erin", "impostor unit removed")!;
        Assert.NotEqual(DecisionMode.Deferred, resolved.Mode);
        Assert.Equal(Verdict.Stale, h.Send(device, device.Next(), 1000, "device").Verdict);
    }

    [Fact]
    public void AfterTheKeepPeriodTheClosedEpochIsStale()
    {
        var h = new Harness();
        var device = TestDevice.Create(78);
        h.Run(device, 12);
        var rebooted = device.Reboot(0x5EED_0005, 79);
        h.Send(rebooted, rebooted.Genesis(), 3000, "n");
        h.Send(rebooted, rebooted.Next(), 5000, "n");
        h.Continue(rebooted, 12, connection: "n");
        Judgement late = h.Send(device, device.Next(), 100, "old");
        Assert.Equal(Verdict.Stale, late.Verdict);
        Assert.Equal(Reasons.StaleFrame, late.Reason);
    }

    [Fact]
    public void TwoCandidatesAreNeverPromotedButByAnOperatorOrAWitness()
    {
        var h = new Harness();
        var device = TestDevice.Create(80);
        h.Run(device, 12);
        var first = device.Reboot(0xC0FF_0001, 81);
        var second = device.Reboot(0xC0FF_0002, 82);
        h.Send(first, first.Genesis(), 1000, "a");
        h.Send(second, second.Genesis(), 1000, "b");
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("two-candidates"));
        for (int i = 0; i < 4; i++)
        {
            h.Send(first, first.Next(), 5000, "a");
            h.Send(second, second.Next(), 10, "b");
        }
        Assert.Equal(device.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
        var third = device.Reboot(0xC0FF_0003, 83);
        Judgement full = h.Send(third, third.Genesis(), 10, "c");
        Assert.Equal(Reasons.CandidateSlotsFull, full.Reason);

        Judgement byOperator = h.Verifier.PromoteCandidate(device.DeviceId, second.Epoch, "bob", "unit serviced on site")!;
        Assert.Equal(second.Epoch, byOperator.Epoch);
        Assert.Equal(Reasons.KeepPeriod, byOperator.Reason);
        Assert.Contains(h.Records("operator"), r => r.Detail.Contains("promote"));
    }

    [Fact]
    public void ARegisteredWitnessPromotesOneOfTwoCandidates()
    {
        var witness = TestDevice.Create(85);
        var policy = new Policy.VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(84);
        h.Send(witness, witness.Genesis(), 0, "gateway");
        h.Run(device, 12);
        var genuine = device.Reboot(0xC0FF_0011, 86);
        var other = device.Reboot(0xC0FF_0012, 87);
        h.Send(genuine, genuine.Genesis(), 1000, "a");
        h.Send(other, other.Genesis(), 1000, "b");
        h.Send(genuine, genuine.Next(), 5000, "a");
        h.Send(witness, witness.Witness(genuine, 1, genuine.Digests[1]), 100, "gateway");
        Judgement promoted = h.Send(genuine, genuine.Next(), 5000, "a");
        Assert.True(promoted.TakeOwnership);
        Assert.Equal(genuine.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
    }

    [Fact]
    public void TheTimerPromotesTheRemainingCandidateOnceTheOtherExpires()
    {
        var h = new Harness();
        var device = TestDevice.Create(90);
        h.Run(device, 12);
        var genuine = device.Reboot(0xC0FF_0021, 91);
        var stray = device.Reboot(0xC0FF_0022, 92);
        h.Send(genuine, genuine.Genesis(), 3000, "a");
        h.Send(stray, stray.Genesis(), 10, "b"); // two candidates: nobody is promoted on arrival
        for (int i = 0; i < 14; i++) Assert.Equal(Verdict.Candidate, h.Send(genuine, genuine.Next(), 5000, "a").Verdict);
        Assert.Equal(device.Epoch, h.Verifier.Device(device.DeviceId)!.Epoch);
        IReadOnlyList<Judgement> changed = h.Verifier.Tick(); // the stray candidate has been silent for a keep period
        Judgement promoted = Assert.Single(changed);
        Assert.Equal(genuine.Epoch, promoted.Epoch);
        Assert.Equal(Reasons.KeepPeriod, promoted.Reason);
        Assert.Contains("expired", promoted.Explanation);
    }

    [Fact]
    public void TheTimerExpiresAStaleCandidateAndLiftsTheKeepPeriod()
    {
        var h = new Harness();
        var device = TestDevice.Create(88);
        h.Run(device, 12);
        var rebooted = device.Reboot(0x5EED_0006, 89);
        h.Send(rebooted, rebooted.Genesis(), 3000, "n");
        h.Send(rebooted, rebooted.Next(), 5000, "n");
        Assert.Equal(Reasons.KeepPeriod, h.Verifier.Device(device.DeviceId)!.Reason);
        h.Clock.Advance(60_000);
        IReadOnlyList<Judgement> changed = h.Verifier.Tick();
        Judgement lifted = Assert.Single(changed);
        Assert.Equal(Verdict.Reassessed, lifted.Verdict);
        Assert.Equal(Reasons.YoungEpoch, lifted.Reason);
        Assert.NotNull(lifted.DecisionFrame);
        Assert.Empty(h.Verifier.Tick());
    }
}
