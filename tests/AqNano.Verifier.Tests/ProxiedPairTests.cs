using AqNano.Protocol;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>Gateway-mediated retrofit (docs/VERIFIER.md "Proxied devices"): a proxied device is admitted as one
/// unit with its registered gateway, never above the gateway's standing; its behaviour shift is monitored, then
/// restricted; a frame carried by another connection is not the registered pair's.</summary>
public sealed class ProxiedPairTests
{
    private const string GatewayConnection = "gateway";

    [Fact]
    public void APairDeepensTogetherAndTheProxiedDeviceIsCappedAtOnceWhenItsGatewayIsRevoked()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(70);
        Judgement last = RunPair(h, gateway, device, 12);
        Assert.Equal(DecisionMode.AdmitFull, h.Verifier.Device(gateway.DeviceId)!.Mode);
        Assert.Equal(DecisionMode.AdmitFull, last.Mode);
        Assert.Equal(Hex.FromWire(gateway.DeviceId), h.Verifier.Device(device.DeviceId)!.Gateway);
        Assert.Null(h.Verifier.Device(gateway.DeviceId)!.Gateway);
        Assert.Contains(h.Records("decision"), r => r.DeviceId == device.DeviceId && r.Detail.Contains("registered pair"));

        h.Verifier.Revoke(gateway.DeviceId, "alice", "gateway stolen");

        DeviceView capped = h.Verifier.Device(device.DeviceId)!;
        Assert.Equal(DecisionMode.Refused, capped.Mode);
        Assert.Equal(Reasons.CappedByGateway, capped.Reason);
        Assert.Equal(Scopes.Observe, capped.GrantedScope);
        Assert.Contains(h.Verifier.Tick(), j => j.DeviceId == device.DeviceId && j.Reason == Reasons.CappedByGateway && j.DecisionFrame != null);
        Assert.Contains(h.Records("revocation"), r => r.DeviceId == device.DeviceId);
        // The device's own next link stays capped while its gateway is.
        Assert.Equal(Reasons.CappedByGateway, h.Send(device, device.Next(), 5000, GatewayConnection).Reason);
    }

    [Fact]
    public void AClonedGatewayOnAnOpenPathMonitorsItsProxiedDevices()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(72);
        RunPair(h, gateway, device, 12);
        TestDevice clone = gateway.Clone(73);
        h.Send(clone, clone.Next(), 1000, "clone");
        Judgement conflict = h.Send(gateway, gateway.Next(), 1000, GatewayConnection);
        Assert.Equal(Verdict.Conflict, conflict.Verdict);

        DeviceView capped = h.Verifier.Device(device.DeviceId)!;
        Assert.Equal(DecisionMode.AdmitMonitored, capped.Mode);
        Assert.Equal(Reasons.CappedByGateway, capped.Reason);
    }

    [Fact]
    public void AClonedGatewayOnAConfidentialPathRefusesItsProxiedDevices()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(74);
        RunPair(h, gateway, device, 12, PathMode.Confidential);
        TestDevice clone = gateway.Clone(75);
        h.Send(clone, clone.Next(), 1000, "clone", PathMode.Confidential);
        h.Send(gateway, gateway.Next(), 1000, GatewayConnection, PathMode.Confidential);

        Assert.Equal(Reasons.CloneEvidence, h.Verifier.Device(gateway.DeviceId)!.Reason);
        DeviceView capped = h.Verifier.Device(device.DeviceId)!;
        Assert.Equal(DecisionMode.Refused, capped.Mode);
        Assert.Equal(Reasons.CappedByGateway, capped.Reason);
    }

    [Fact]
    public void AProxiedDeviceWaitsForItsGatewaysChainThenFollowsIt()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(76);
        Judgement early = h.Send(device, device.Genesis(), 0, GatewayConnection);
        Assert.Equal(DecisionMode.Deferred, early.Mode);
        Assert.Equal(Reasons.GatewayUnknown, early.Reason);

        h.Send(gateway, gateway.Genesis(), 100, GatewayConnection);

        DeviceView after = h.Verifier.Device(device.DeviceId)!;
        Assert.Equal(DecisionMode.AdmitRestricted, after.Mode);
        Assert.NotEqual(Reasons.GatewayUnknown, after.Reason);
    }

    [Fact]
    public void AProxiedFrameCarriedByAnotherConnectionIsNotTheRegisteredPairs()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(78);
        RunPair(h, gateway, device, 3);
        Judgement foreign = h.Send(device, device.Next(), 5000, "someone-else");
        Assert.Equal(Verdict.Next, foreign.Verdict);
        Assert.Equal(DecisionMode.Deferred, foreign.Mode);
        Assert.Equal(Reasons.UnregisteredPair, foreign.Reason);

        // Carried by the gateway's connection again: the standing returns (nothing was refused or lost).
        h.Send(gateway, gateway.Next(), 100, GatewayConnection);
        Judgement back = h.Send(device, device.Next(), 5000, GatewayConnection);
        Assert.Equal(DecisionMode.AdmitRestricted, back.Mode);
    }

    [Fact]
    public void ASwappedSensorIsMonitoredThenRestrictedThenDeepensAgain()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(80);
        int history = h.Policy.Evidence.FeatureMinSamples + 3;
        Assert.Equal(DecisionMode.AdmitFull, RunPair(h, gateway, device, history).Mode);

        device.FeatureValues[0] = 2300; // another unit behind the same address: its readings sit elsewhere
        Step(h, gateway, device);                     // the shifted window's tag checks on the next link
        Judgement first = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitMonitored, first.Mode);
        Assert.Equal(Reasons.BehaviourShift, first.Reason);
        Assert.Contains(h.Records("incident"), r => r.DeviceId == device.DeviceId && r.Detail.Contains("behaviour-shift"));
        Judgement second = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitMonitored, second.Mode);
        Judgement confirmed = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitRestricted, confirmed.Mode);
        Assert.Equal(Reasons.BehaviourShift, confirmed.Reason);
        Assert.Contains(h.Records("incident"), r => r.DeviceId == device.DeviceId && r.Detail.Contains("behaviour-shift-confirmed"));
        Assert.True(h.Verifier.Device(device.DeviceId)!.ContinuityDepth <= 1);
        Assert.Equal(DecisionMode.AdmitFull, h.Verifier.Device(gateway.DeviceId)!.Mode);

        Judgement relearnt = confirmed;
        for (int i = 0; i < h.Policy.Zones["lab"].LinksForFull + 1; i++) relearnt = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitFull, relearnt.Mode);
    }

    [Fact]
    public void AOneWindowTransientIsMonitoredAndThenClears()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(82);
        RunPair(h, gateway, device, h.Policy.Evidence.FeatureMinSamples + 3);
        double usual = device.FeatureValues[3];
        device.FeatureValues[3] = usual * 3;          // one window with a late message
        Step(h, gateway, device);
        device.FeatureValues[3] = usual;
        Assert.Equal(Reasons.BehaviourShift, Step(h, gateway, device).Reason);
        Judgement cleared = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitFull, cleared.Mode);
        Assert.DoesNotContain(h.Records("incident"), r => r.Detail.Contains("behaviour-shift-confirmed"));
    }

    [Fact]
    public void ACertificatesLiftNeverPutsAProxiedDeviceAboveItsGateway()
    {
        (Harness h, TestDevice gateway, TestDevice device) = Pair(86);
        h.Policy.Zones["lab"].CertificateLift = true;
        var certificate = new AqNano.Verifier.Evidence.CertificateEvidence("CN=sensor-7", "CN=Plant CA", "1001",
            Harness.Start - 86_400_000, Harness.Start + 86_400_000, new string('a', 64), true, false);
        h.Send(gateway, gateway.Genesis(), 0, GatewayConnection);
        h.Send(device, device.Genesis(), 100, GatewayConnection, certificate: certificate);
        Judgement last = null!;
        for (int i = 0; i < 7; i++)
        {
            h.Send(gateway, gateway.Next(), 4900, GatewayConnection);
            last = h.Send(device, device.Next(), 100, GatewayConnection, certificate: certificate);
        }
        // The lift would make the sensor full at about half of linksForFull; its young gateway is not.
        Assert.Equal(DecisionMode.AdmitRestricted, h.Verifier.Device(gateway.DeviceId)!.Mode);
        Assert.Equal(DecisionMode.AdmitRestricted, last.Mode);
        Assert.Equal(Reasons.CappedByGateway, last.Reason);

        for (int i = 0; i < 5; i++) last = Step(h, gateway, device);
        Assert.Equal(DecisionMode.AdmitFull, h.Verifier.Device(gateway.DeviceId)!.Mode);
        Assert.Equal(DecisionMode.AdmitFull, last.Mode);
    }

    [Fact]
    public void AnUnproxiedDevicesFeatureChangeStaysAFeatureAnomaly()
    {
        var h = new Harness();
        var device = TestDevice.Create(84);
        h.Run(device, h.Policy.Evidence.FeatureMinSamples + 3);
        device.FeatureValues[0] = 2300;
        h.Send(device, device.Next(), 5000);
        Judgement anomaly = h.Send(device, device.Next(), 5000);
        Assert.Equal(Reasons.FeatureAnomaly, anomaly.Reason);
    }

    [InlineData("{\"proxied\":{\"00112233\":\"0011223344556677\"}}", "not a 16-hex device id")]
    [InlineData("{\"proxied\":{\"0011223344556677\":\"zz11223344556677\"}}", "gateway 'zz11223344556677' is not a 16-hex device id")]
    [InlineData("{\"proxied\":{\"0011223344556677\":\"0011223344556677\"}}", "cannot be its own gateway")]
    [InlineData("{\"proxied\":{\"0011223344556677\":\"8899aabbccddeeff\",\"8899aabbccddeeff\":\"1111111111111111\"}}", "is itself proxied")]
    // [Theory] after the data: the SECURITY.md guard reads the attribute right before the signature.
    [Theory]
    public void APolicyWithABadPairIsRefusedWithItsReason(string json, string expected)
    {
        Assert.False(PolicyLoader.TryParse(json, out _, out string error));
        Assert.Contains(expected, error);
    }

    private static (Harness, TestDevice, TestDevice) Pair(int seed)
    {
        var gateway = TestDevice.Create(seed);
        var device = TestDevice.Create(seed + 1000);
        var policy = new VerifierPolicy();
        policy.Proxied[Hex.FromWire(device.DeviceId)] = Hex.FromWire(gateway.DeviceId);
        return (new Harness(policy), gateway, device);
    }

    /// <summary>Genesis of both, then <paramref name="links"/> links each, the gateway's first, over the gateway's connection.</summary>
    private static Judgement RunPair(Harness h, TestDevice gateway, TestDevice device, int links, PathMode path = PathMode.Open)
    {
        h.Send(gateway, gateway.Genesis(), 0, GatewayConnection, path);
        Judgement last = h.Send(device, device.Genesis(), 100, GatewayConnection, path);
        for (int i = 0; i < links; i++) last = Step(h, gateway, device, path);
        return last;
    }

    private static Judgement Step(Harness h, TestDevice gateway, TestDevice device, PathMode path = PathMode.Open)
    {
        h.Send(gateway, gateway.Next(), 4900, GatewayConnection, path);
        return h.Send(device, device.Next(), 100, GatewayConnection, path);
    }
}
