using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>DESIGN.md "What each attack yields": each attack caught with its own reason, no later than one
/// frame after the divergent frame reaches the verifier.</summary>
public class AttackTests
{
    [Fact]
    public void CloneOnAConfidentialPathQuarantinesAndRevokesPrivilegedScopesAtOnce()
    {
        var h = new Harness();
        var device = TestDevice.Create(50);
        Judgement full = h.Run(device, 12, path: PathMode.Confidential);
        Assert.Equal(DecisionMode.AdmitFull, full.Mode);
        TestDevice clone = device.Clone(51);
        Assert.Equal(Verdict.Next, h.Send(clone, clone.Next(), 2000, "clone", PathMode.Confidential).Verdict);
        Judgement conflict = h.Send(device, device.Next(), 3000, "device", PathMode.Confidential);
        Assert.Equal(Verdict.Conflict, conflict.Verdict);
        Assert.Equal(DecisionMode.Refused, conflict.Mode);
        Assert.Equal(Reasons.CloneEvidence, conflict.Reason);
        Assert.Equal(Scopes.Observe, conflict.GrantedScope);
        Assert.Equal(Scopes.Observe, h.Verifier.GrantedScope(device.DeviceId));
        Assert.True(conflict.Forward);
        Assert.NotNull(conflict.DecisionFrame);
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("\"type\":\"clone\""));
        Assert.Contains(h.Records("revocation"), r => r.DeviceId == device.DeviceId);

        // Quarantine holds while both continue; the device's own chain continues the fork (a live fork).
        Judgement fork = h.Send(device, device.Next(), 5000, "device", PathMode.Confidential);
        Assert.Equal(Verdict.Fork, fork.Verdict);
        Assert.Contains("live fork", fork.Explanation);
        Assert.Equal(DecisionMode.Refused, h.Send(clone, clone.Next(), 10, "clone", PathMode.Confidential).Mode);

        // Until an operator resolves it.
        Judgement reinstated = h.Verifier.Reinstate(device.DeviceId, "alice", "clone unit recovered")!;
        Assert.NotEqual(DecisionMode.Refused, reinstated.Mode);
        Assert.Contains(h.Records("operator"), r => r.Detail.Contains("\"operator\":\"alice\"") && r.Detail.Contains("reinstate"));
    }

    [Fact]
    public void CloneOnAnOpenPathIsMonitoredAtMostWithAnIncident()
    {
        var h = new Harness();
        var device = TestDevice.Create(52);
        h.Run(device, 12);
        TestDevice clone = device.Clone(53);
        h.Send(clone, clone.Next(), 2000, "clone");
        Judgement conflict = h.Send(device, device.Next(), 3000);
        Assert.Equal(Verdict.Conflict, conflict.Verdict);
        Assert.Equal(DecisionMode.AdmitMonitored, conflict.Mode);
        Assert.Equal(Reasons.OpenPathConflict, conflict.Reason);
        Assert.Equal(Scopes.Observe | Scopes.Telemetry, conflict.GrantedScope);
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("\"type\":\"fork\""));
    }

    [Fact]
    public void AConflictIsNotCloneEvidenceWhenTheEpochEverTravelledAnOpenPath()
    {
        var h = new Harness();
        var device = TestDevice.Create(54);
        h.Run(device, 12); // open path: the reveals may be public
        TestDevice clone = device.Clone(55);
        h.Send(clone, clone.Next(), 2000, "eavesdropper", PathMode.Confidential);
        Judgement conflict = h.Send(device, device.Next(), 3000, "device", PathMode.Confidential);
        Assert.Equal(DecisionMode.AdmitMonitored, conflict.Mode);
    }

    [Fact]
    public void TamperedFeatureIsCaughtWhenTheNextLinkRevealsTheKey()
    {
        var h = new Harness();
        var device = TestDevice.Create(56);
        h.Run(device, 12);
        byte[] frame = device.Next();
        frame[FrameLayout.FeaturesOffset + 4 * Features.TemperatureC] ^= 0x10; // rewritten in flight, tag kept
        Judgement accepted = h.Send(device, frame, 5000);
        Assert.Equal(Verdict.Next, accepted.Verdict); // its tag is pending: not a reason to defer
        Assert.Equal(DecisionMode.AdmitFull, accepted.Mode);
        Judgement next = h.Send(device, device.Next(), 5000);
        Assert.Equal(DecisionMode.AdmitMonitored, next.Mode);
        Assert.Equal(Reasons.AlteredFrame, next.Reason);
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("\"type\":\"tamper\""));
        Assert.Equal(0u, next.Evidence!.ContinuityDepth); // continuity drops at divergence
    }

    [Fact]
    public void ManInTheMiddleHoldBackOnAnOpenPathIsMonitoredAndTheWitnessDisagrees()
    {
        var witness = TestDevice.Create(58);
        var policy = new VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(57);
        h.Send(witness, witness.Genesis(), 0, "gateway");
        h.Run(device, 12);
        // The attacker read R_n on the open path, holds back frame n and sends n' first.
        TestDevice attacker = device.Clone(59);
        byte[] genuine = device.Next();
        h.Send(attacker, attacker.Next(), 5000, "attacker");
        // A registered witness heard the genuine frame's digest over the radio.
        Judgement reported = h.Send(witness, witness.Witness(device, device.Seq, device.Digests[device.Seq]), 100, "gateway");
        Assert.Equal(Verdict.Witness, reported.Verdict);
        Assert.Equal(DecisionMode.AdmitMonitored, h.Verifier.Device(device.DeviceId)!.Mode);
        Assert.Equal(Reasons.WitnessDisagreement, h.Verifier.Device(device.DeviceId)!.Reason);
        // The device learns from the Decision and resends its own frame: a conflict, still monitored, never refused.
        Judgement resent = h.Send(device, genuine, 100);
        Assert.Equal(Verdict.Conflict, resent.Verdict);
        Assert.Equal(DecisionMode.AdmitMonitored, resent.Mode);
    }

    [Fact]
    public void ALyingWitnessNeverQuarantines()
    {
        var witness = TestDevice.Create(61);
        var policy = new VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(60);
        h.Send(witness, witness.Genesis(), 0, "gateway", PathMode.Confidential);
        h.Run(device, 12, path: PathMode.Confidential);
        for (int i = 0; i < 5; i++)
        {
            h.Send(device, device.Next(), 5000, path: PathMode.Confidential);
            byte[] lie = new byte[32];
            lie[0] = (byte)i;
            h.Send(witness, witness.Witness(device, device.Seq, lie), 100, "gateway", PathMode.Confidential);
            DeviceView view = h.Verifier.Device(device.DeviceId)!;
            Assert.NotEqual(DecisionMode.Refused, view.Mode);
            Assert.Equal(DecisionMode.AdmitMonitored, view.Mode);
        }
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("witness-disagreement"));
    }

    [Fact]
    public void AgreeingWitnessRaisesCorroboration()
    {
        var witness = TestDevice.Create(63);
        var policy = new VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(62);
        h.Send(witness, witness.Genesis(), 0, "gateway");
        h.Run(device, 3);
        h.Send(witness, witness.Witness(device, 3, device.Digests[3]), 100, "gateway");
        Assert.Equal(1, h.Verifier.Device(device.DeviceId)!.AgreeingWitnesses);
    }

    [Fact]
    public void AWitnessFrameNeverInheritsTheFlagsOrFeaturesOfAnotherFrame()
    {
        var witness = TestDevice.Create(69);
        var policy = new VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(68);
        h.Send(witness, witness.Genesis(), 0, "gateway");
        h.Run(device, 12);
        for (int i = 0; i < 14; i++)
        {
            // Parsed just before each witness frame on the same thread: a frame with divergenceSeen and slowClock.
            h.Send(device, device.Next(5_000_000, ObservationFlags.DivergenceSeen | ObservationFlags.SlowClock), 2500);
            h.Send(witness, witness.Witness(device, device.Seq, device.Digests[device.Seq]), 2500, "gateway");
        }
        DeviceView view = h.Verifier.Device(witness.DeviceId)!;
        Assert.Equal(DecisionMode.AdmitFull, view.Mode);
        Assert.Equal(Reasons.None, view.Reason);
    }

    [Fact]
    public void ARevokedWitnessCarriesNoWeight()
    {
        var witness = TestDevice.Create(71);
        var policy = new VerifierPolicy { Witnesses = { Hex.FromWire(witness.DeviceId) } };
        var h = new Harness(policy);
        var device = TestDevice.Create(70);
        h.Send(witness, witness.Genesis(), 0, "gateway");
        h.Run(device, 12);
        h.Verifier.Revoke(witness.DeviceId, "dave", "gateway stolen");
        h.Send(witness, witness.Witness(device, device.Seq, new byte[32]), 100, "gateway");
        DeviceView view = h.Verifier.Device(device.DeviceId)!;
        Assert.Equal(DecisionMode.AdmitFull, view.Mode);
        Assert.Equal(0, view.AgreeingWitnesses);
    }

    [Fact]
    public void WitnessFramesFromAnUnregisteredDeviceAreRefused()
    {
        var h = new Harness();
        var device = TestDevice.Create(64);
        var stranger = TestDevice.Create(65);
        h.Run(device, 2);
        h.Send(stranger, stranger.Genesis(), 0, "stranger");
        Judgement j = h.Send(stranger, stranger.Witness(device, 2, device.Digests[2]), 100, "stranger");
        Assert.Equal(Verdict.Witness, j.Verdict);
        Assert.Equal(Reasons.UnregisteredWitness, j.Reason);
        Assert.Equal(0, h.Verifier.Device(device.DeviceId)!.AgreeingWitnesses);
    }

    [Fact]
    public void DivergenceSeenMonitorsOnceItsFrameChecks()
    {
        var h = new Harness();
        var device = TestDevice.Create(66);
        h.Run(device, 12);
        h.Send(device, device.Next(5_000_000, ObservationFlags.DivergenceSeen), 5000);
        Judgement j = h.Send(device, device.Next(), 5000);
        Assert.Equal(DecisionMode.AdmitMonitored, j.Mode);
        Assert.Equal(Reasons.DivergenceSeen, j.Reason);
        Assert.Contains(h.Records("incident"), r => r.Detail.Contains("divergence"));
    }

    [Fact]
    public void NonOwnerPublishIsForwardedOnlyAsANextLinkOrAConflict()
    {
        var h = new Harness();
        var device = TestDevice.Create(67);
        h.Run(device, 3, connection: "first");
        byte[] next = device.Next();
        Judgement moved = h.Send(device, next, 5000, "reconnected");
        Assert.True(moved.Forward && moved.TakeOwnership);
        Judgement dup = h.Send(device, next, 10, "first");
        Assert.False(dup.Forward);
        Assert.False(dup.TakeOwnership);
    }
}
