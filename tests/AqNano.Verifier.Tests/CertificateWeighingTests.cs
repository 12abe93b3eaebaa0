using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Admission;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Tests;

/// <summary>Issue 9 item 1 (brownfield overlay): a client certificate weighed beside continuity by the zone's
/// policy (docs/VERIFIER.md "Certificates"). Certificates enter as <see cref="CertificateEvidence"/> on the
/// frame, as the embedded broker passes them; the TLS path itself is tested in the app tests.</summary>
public class CertificateWeighingTests
{
    private const long Day = 86_400_000;

    private static CertificateEvidence Certificate(bool trusted = true, bool revoked = false, long notBefore = Harness.Start - Day,
                                                   long notAfter = Harness.Start + Day, string thumbprint = "aa") =>
        new("CN=pump-7, O=Plant PKI", "CN=Plant CA", "1001", notBefore, notAfter, thumbprint.PadRight(64, '0'), trusted, revoked);

    private static VerifierPolicy Weighing(bool lift = true, bool holdBack = true)
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].CertificateLift = lift;
        policy.Zones["lab"].CertificateHoldBack = holdBack;
        return policy;
    }

    /// <summary>Genesis then links at 5 s until the device is full; returns the full judgement and its link count.
    /// Asserts that no frame is refused or held as anything but the next link: a certificate never refuses.</summary>
    private static (Judgement Full, int Links) RunUntilFull(Harness h, TestDevice device, CertificateEvidence? certificate, string connection = "device")
    {
        h.Send(device, device.Genesis(), connection: connection, certificate: certificate);
        for (int link = 1; link <= 40; link++)
        {
            Judgement j = h.Send(device, device.Next(), 5000, connection, certificate: certificate);
            Assert.Equal(Verdict.Next, j.Verdict);
            if (j.Mode == DecisionMode.AdmitFull) return (j, link);
        }
        throw new Xunit.Sdk.XunitException("never reached AdmitFull within 40 links");
    }

    private static int ContinuityAloneLinks(int seed) => RunUntilFull(new Harness(Weighing()), TestDevice.Create(seed), null).Links;

    private static List<JsonElement> CertificateRecords(Harness h, TestDevice device) =>
        h.Records("certificate").Where(r => r.DeviceId == device.DeviceId).Select(r => JsonDocument.Parse(r.Detail).RootElement).ToList();

    [Fact]
    public void AValidCertificateFromATrustedIssuerLiftsAYoungChainOneStep()
    {
        int alone = ContinuityAloneLinks(900);
        var h = new Harness(Weighing());
        var device = TestDevice.Create(900);
        (Judgement full, int links) = RunUntilFull(h, device, Certificate());
        Assert.True(links < alone, $"lifted at {links} links, continuity alone at {alone}");
        Assert.Equal(Reasons.None, full.Reason);
        Assert.Equal(Scopes.All, full.GrantedScope);
        Assert.InRange(full.Evidence!.ContinuityDepth, 5u, 9u); // half of linksForFull (10), rounded up
        Assert.Equal("valid", full.Evidence.Certificate);
        Assert.Contains("lifted one step by a valid certificate", full.Explanation);
        JsonElement bound = Assert.Single(CertificateRecords(h, device));
        Assert.Equal("bound", bound.GetProperty("event").GetString());
        Assert.Equal("valid", bound.GetProperty("status").GetString());
        Assert.Equal("CN=Plant CA", bound.GetProperty("issuer").GetString());
        Assert.Equal("1001", bound.GetProperty("serial").GetString());
    }

    [Fact]
    public void AZoneWithoutCertificateLiftWeighsAValidCertificateAsNothingMore()
    {
        int alone = ContinuityAloneLinks(901);
        var h = new Harness(Weighing(lift: false));
        (Judgement full, int links) = RunUntilFull(h, TestDevice.Create(901), Certificate());
        Assert.Equal(alone, links);
        Assert.Equal("valid", full.Evidence!.Certificate);
    }

    [Fact]
    public void NoCertificateLeavesContinuityAloneAndWritesNoCertificateRecord()
    {
        var h = new Harness(Weighing());
        var device = TestDevice.Create(902);
        (Judgement full, _) = RunUntilFull(h, device, null);
        Assert.True(full.Evidence!.ContinuityDepth >= 10);
        Assert.Equal("none", full.Evidence.Certificate);
        Assert.Empty(h.Records("certificate"));
        Assert.Contains("\"certificate\":\"none\"", h.Records("decision").Last().Detail);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ARevokedOrUntrustedCertificateOnAYoungChainKeepsItRestricted(bool revoked)
    {
        int alone = ContinuityAloneLinks(903);
        var h = new Harness(Weighing());
        var device = TestDevice.Create(903);
        CertificateEvidence certificate = revoked ? Certificate(revoked: true) : Certificate(trusted: false);
        h.Send(device, device.Genesis(), certificate: certificate);
        Judgement j = h.Continue(device, alone + 2, certificate: certificate)!;
        // Where continuity alone is full, the discredited certificate keeps the young chain restricted...
        Assert.Equal(DecisionMode.AdmitRestricted, j.Mode);
        Assert.Equal(revoked ? Reasons.CertificateRevoked : Reasons.CertificateUntrusted, j.Reason);
        Assert.Equal(revoked ? "revoked" : "untrusted-issuer", j.Evidence!.Certificate);
        Assert.Contains("held back by a", j.Explanation);
        // ...but never breaks continuity nor refuses a frame: the chain deepens and reaches full at twice the thresholds.
        Assert.True(j.Evidence.ContinuityDepth >= 10);
        Assert.All(h.Judgements, x => Assert.NotEqual(DecisionMode.Refused, x.Mode));
        (Judgement full, _) = ContinueUntilFull(h, device, certificate);
        Assert.InRange(full.Evidence!.ContinuityDepth, 20u, 22u);
    }

    private static (Judgement Full, int Links) ContinueUntilFull(Harness h, TestDevice device, CertificateEvidence? certificate, string connection = "device")
    {
        for (int link = 1; link <= 40; link++)
        {
            Judgement j = h.Send(device, device.Next(), 5000, connection, certificate: certificate);
            Assert.Equal(Verdict.Next, j.Verdict);
            if (j.Mode == DecisionMode.AdmitFull) return (j, link);
        }
        throw new Xunit.Sdk.XunitException("never reached AdmitFull within 40 more links");
    }

    [Theory]
    [InlineData(-2 * Day, -Day, "expired")]
    [InlineData(Day, 2 * Day, "not-yet-valid")]
    public void ACertificateOutsideItsValidityIsNotedButTheChainDecidesTheMode(long notBeforeFromStart, long notAfterFromStart, string status)
    {
        int alone = ContinuityAloneLinks(904);
        var h = new Harness(Weighing());
        var device = TestDevice.Create(904);
        CertificateEvidence certificate = Certificate(notBefore: Harness.Start + notBeforeFromStart, notAfter: Harness.Start + notAfterFromStart);
        h.Send(device, device.Genesis(), certificate: certificate);
        Judgement young = h.Continue(device, 3, certificate: certificate)!;
        Assert.Equal(DecisionMode.AdmitRestricted, young.Mode);
        Assert.Equal(Reasons.CertificateExpired, young.Reason);
        Assert.Equal(status, young.Evidence!.Certificate);
        (Judgement full, int links) = ContinueUntilFull(h, device, certificate);
        Assert.Equal(alone, links + 3);
        Assert.Equal(Reasons.None, full.Reason);
    }

    [Fact]
    public void ADeviceWhoseCertificateExpiresMidRunKeepsItsModeByContinuityAlone()
    {
        var h = new Harness(Weighing());
        var device = TestDevice.Create(905);
        CertificateEvidence certificate = Certificate(notAfter: Harness.Start + 100_000);
        h.Send(device, device.Genesis(), certificate: certificate);
        Judgement beforeExpiry = h.Continue(device, 14, certificate: certificate)!; // 70 s, depth 13: full by continuity too
        Assert.Equal(DecisionMode.AdmitFull, beforeExpiry.Mode);
        Assert.True(beforeExpiry.Evidence!.ContinuityDepth >= 10);
        Assert.Equal("valid", beforeExpiry.Evidence.Certificate);
        h.Continue(device, 6, certificate: certificate); // to 100 s
        h.Clock.Advance(2000);
        Assert.DoesNotContain(h.Verifier.Tick(), j => j.DeviceId == device.DeviceId); // the timer sees the expiry; the mode stands
        JsonElement changed = CertificateRecords(h, device).Last();
        Assert.Equal("status-changed", changed.GetProperty("event").GetString());
        Assert.Equal("expired", changed.GetProperty("status").GetString());
        Assert.Equal("valid", changed.GetProperty("previousStatus").GetString());
        for (int i = 0; i < 5; i++)
        {
            Judgement after = h.Send(device, device.Next(3_000_000), 3000, certificate: certificate);
            Assert.Equal(DecisionMode.AdmitFull, after.Mode);
            Assert.Equal(Reasons.None, after.Reason);
            Assert.Equal("expired", after.Evidence!.Certificate);
        }
        Assert.Equal(2, CertificateRecords(h, device).Count);
    }

    [Fact]
    public void ALiftedDeviceWhoseCertificateExpiresFallsBackToContinuityAlone()
    {
        int alone = ContinuityAloneLinks(906);
        int liftedAt = RunUntilFull(new Harness(Weighing()), TestDevice.Create(906), Certificate()).Links;
        Assert.True(liftedAt < alone);
        var h = new Harness(Weighing());
        var device = TestDevice.Create(906);
        // The same chain again, with a certificate that expires half an interval after the lift.
        CertificateEvidence certificate = Certificate(notAfter: Harness.Start + liftedAt * 5000L + 2500);
        (Judgement lifted, int links) = RunUntilFull(h, device, certificate);
        Assert.Equal(liftedAt, links);
        Judgement expired = h.Send(device, device.Next(), 5000, certificate: certificate);
        Assert.Equal(DecisionMode.AdmitRestricted, expired.Mode);
        Assert.Equal(Reasons.CertificateExpired, expired.Reason);
        Assert.Equal("expired", expired.Evidence!.Certificate);
        (_, int more) = ContinueUntilFull(h, device, certificate);
        Assert.Equal(alone, links + 1 + more);
    }

    [Fact]
    public void ACertificateBindsOnlyThroughAnAcceptedFrameOfItsConnection()
    {
        var h = new Harness(Weighing());
        var device = TestDevice.Create(907);
        h.Send(device, device.Genesis(), certificate: Certificate());
        byte[] link = device.Next();
        h.Send(device, link, 5000, certificate: Certificate());
        CertificateEvidence revoked = Certificate(revoked: true, thumbprint: "bb");
        // Another connection replays the link (a duplicate) and sends a frame that opens nothing: neither is accepted.
        Assert.Equal(Verdict.Duplicate, h.Send(device, link, 100, "intruder", certificate: revoked).Verdict);
        var stranger = new TestDevice(device.DeviceId, device.Epoch, 77);
        stranger.Genesis();
        Assert.Equal(Verdict.Broken, h.Send(device, stranger.Next(), 100, "intruder", certificate: revoked).Verdict);
        Assert.Equal(CertificateStatus.Valid, h.Verifier.Device(device.DeviceId)!.CertificateStatus);
        Assert.DoesNotContain(CertificateRecords(h, device), r => r.GetProperty("status").GetString() == "revoked");
    }

    [Fact]
    public void AReconnectWithoutACertificateUnbindsItAndTheLiftGoes()
    {
        var h = new Harness(Weighing());
        var device = TestDevice.Create(908);
        h.Send(device, device.Genesis(), connection: "tls#1", certificate: Certificate());
        h.Continue(device, 3, connection: "tls#1", certificate: Certificate());
        Judgement plain = h.Send(device, device.Next(), 5000, "plain#2");
        Assert.Equal("none", plain.Evidence!.Certificate);
        JsonElement record = CertificateRecords(h, device).Last();
        Assert.Equal("none", record.GetProperty("status").GetString());
        Assert.Equal("plain#2", record.GetProperty("connection").GetString());
        Assert.Null(h.Verifier.Device(device.DeviceId)!.Certificate);
    }

    [Fact]
    public void AFullDeviceThatLaterShowsARevokedCertificateKeepsFull()
    {
        var h = new Harness(Weighing());
        var device = TestDevice.Create(909);
        RunUntilFull(h, device, null, "plain#1");
        Judgement j = h.Send(device, device.Next(), 5000, "tls#2", certificate: Certificate(revoked: true));
        Assert.Equal(DecisionMode.AdmitFull, j.Mode);
        Assert.Equal("revoked", j.Evidence!.Certificate);
        Assert.Equal(CertificateStatus.Revoked, h.Verifier.Device(device.DeviceId)!.CertificateStatus);
    }

    /// <summary>Only the youth rung moves: a valid certificate never lifts a refused, deferred, monitored or
    /// keep-period device, and a discredited one never lowers them further, however deep the chain.</summary>
    [Theory]
    [InlineData(DecisionMode.Refused, Reasons.CloneEvidence)]
    [InlineData(DecisionMode.Deferred, Reasons.ContendedIdentity)]
    [InlineData(DecisionMode.AdmitMonitored, Reasons.AlteredFrame)]
    [InlineData(DecisionMode.AdmitRestricted, Reasons.KeepPeriod)]
    [InlineData(DecisionMode.AdmitRestricted, Reasons.AwaitingWitness)]
    public void NoRungButYouthIsMovedByACertificate(DecisionMode mode, byte reason)
    {
        var s = new DeviceState { ContinuityDepth = 500, EpochStartMs = 0, LastAcceptedMs = 3_600_000, Mode = mode };
        ZonePolicy zone = Weighing().Zones["lab"];
        var continuity = new AdmissionResult(mode, reason, Scopes.Observe, "the chain's");
        foreach (CertificateStatus status in Enum.GetValues<CertificateStatus>())
        {
            AdmissionResult weighed = CertificateWeighing.Weigh(continuity, s, zone, status, "CN=Plant CA");
            Assert.Equal((mode, reason, Scopes.Observe), (weighed.Mode, weighed.Reason, weighed.Ceiling));
        }
    }
}
