using AqNano.Protocol;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Reports;

namespace AqNano.Verifier.Tests;

/// <summary>The state-awareness report shows the client certificate evidence of a device that presented one
/// (issue 9), from the verifier's own "certificate" records, and nothing of the kind for one that did not.</summary>
public class CertificateReportTests
{
    [Fact]
    public void ADeviceReportListsItsCertificateBindingAndStatusChanges()
    {
        var policy = new VerifierPolicy();
        policy.Zones["lab"].CertificateLift = true;
        var h = new Harness(policy);
        var device = TestDevice.Create(930);
        var plain = TestDevice.Create(931);
        var certificate = new CertificateEvidence("CN=pump-30, O=Plant PKI", "CN=Plant CA", "1e", Harness.Start - 1000, Harness.Start + 20_000,
            new string('d', 64), true, false);
        h.Send(device, device.Genesis(), certificate: certificate);
        h.Continue(device, 6, certificate: certificate); // 30 s: past notAfter
        h.Run(plain, 2);

        string report = StateAwarenessReport.Markdown(h.Ledger, device.DeviceId);
        Assert.Contains("## Client certificate", report);
        Assert.Contains("| bound | valid | CN=pump-30, O=Plant PKI | CN=Plant CA | 1e |", report);
        Assert.Contains("| status-changed | expired | CN=pump-30, O=Plant PKI | CN=Plant CA | 1e |", report);
        Assert.DoesNotContain("Client certificate", StateAwarenessReport.Markdown(h.Ledger, plain.DeviceId));
    }
}
