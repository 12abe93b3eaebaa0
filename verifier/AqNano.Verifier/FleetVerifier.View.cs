using AqNano.Protocol;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier;

/// <summary>The read side (IFleetView): digests and counts, never a reveal (DESIGN.md "Disclosure").</summary>
public sealed partial class FleetVerifier
{
    public IReadOnlyList<DeviceView> Devices() =>
        _slots.Values.Select(View).OrderBy(view => view.DeviceId).ToList();

    public DeviceView? Device(ulong deviceId) =>
        _slots.TryGetValue(deviceId, out DeviceSlot? slot) ? View(slot) : null;

    /// <summary>The state bytes of one device exactly as the store keeps them (for tests and tools).</summary>
    public byte[]? StateBytes(ulong deviceId)
    {
        if (!_slots.TryGetValue(deviceId, out DeviceSlot? slot)) return null;
        lock (slot.Gate) return DeviceStateCodec.Encode(slot.State);
    }

    private DeviceView View(DeviceSlot slot)
    {
        lock (slot.Gate)
        {
            DeviceState s = slot.State;
            Evidence.CertificateBinding? certificate = _certificates.Of(s.DeviceId);
            return new DeviceView(
                s.DeviceId, _policy.ZoneOf(s.DeviceId), s.Mode, s.Reason, s.GrantedScope, s.RequestedScope, s.Epoch, s.LastSeq,
                (int)Math.Min(s.ContinuityDepth, int.MaxValue), slot.Slope(), SkewOf(s), s.LastSeenMs, s.WitnessAgreements,
                Convert.ToHexStringLower(s.RingDigests, s.RingIndex(s.LastSeq), 32), slot.LastPath, slot.Explanation, s.Incidents)
            {
                Certificate = certificate?.Certificate,
                CertificateStatus = certificate?.Recorded ?? Evidence.CertificateStatus.None,
                Gateway = GatewayHexOf(s.DeviceId),
            };
        }
    }
}
