using AqNano.Verifier.Admission;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier;

/// <summary>Client certificates as one weighed observation (issue 9 item 1; docs/VERIFIER.md "Certificates"):
/// the chain decides, then the certificate that speaks for the device may move the youth rung. The status is
/// judged at the decision's time, so a certificate that expires mid-run is noticed by the next frame or Tick.</summary>
public sealed partial class FleetVerifier
{
    private readonly CertificateBook _certificates = new();

    /// <summary>Admission by continuity, then the certificate weighed; a new binding or a changed status is written
    /// as a "certificate" record in the judgement's own ledger batch. Called under the device's lock.</summary>
    private AdmissionResult Decide(DeviceState s, long now)
    {
        AdmissionResult continuity = AdmissionRules.Decide(s, _policy, now);
        CertificateBinding? binding = _certificates.Of(s.DeviceId);
        if (binding == null) return continuity;
        CertificateStatus status = binding.StatusAt(now);
        if (binding.Recorded != status)
        {
            _ledger.Certificate(now, s.DeviceId, binding, status);
            binding.Recorded = status;
        }
        ZonePolicy zone = _policy.Zone(_policy.ZoneOf(s.DeviceId));
        return CertificateWeighing.Weigh(continuity, s, zone, status, binding.Certificate?.Issuer);
    }
}
