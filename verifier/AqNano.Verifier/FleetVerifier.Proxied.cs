using AqNano.Protocol;
using AqNano.Verifier.Admission;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier;

/// <summary>Proxied devices admitted as one unit with their gateway (docs/VERIFIER.md "Proxied devices"): the pair
/// rules on top of the core's admission, who carried a proxied frame, and the cap applied at once to every proxied
/// device of a gateway whose standing changed (recorded now, its Decision returned by the next Tick, as for
/// witness reports). A proxied device's lock never waits on its gateway's: the gateway's mode, scope and owner are
/// read as they stand.</summary>
public sealed partial class FleetVerifier
{
    /// <summary>Gateway to its proxied devices, rebuilt when the policy changes; one reference, swapped whole.</summary>
    private sealed record ProxiedIndexEntry(object Policy, int Count, Dictionary<ulong, List<ulong>> ByGateway);

    private volatile ProxiedIndexEntry? _proxiedIndex;

    /// <summary>The standing each gateway's proxied devices were last re-judged against: only a change re-judges them.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, (DecisionMode Mode, ushort Scope)> _gatewayStandings = new();

    /// <summary>The core's admission with the certificate weighed (<see cref="Decide"/>), then, for a registered proxied
    /// device, <see cref="ProxiedPairRules"/> last: nothing, a certificate included, lifts a device above its gateway.</summary>
    private AdmissionResult Standing(DeviceState s, long now)
    {
        AdmissionResult own = Decide(s, now);
        if (!_policy.TryGatewayOf(s.DeviceId, out ulong gatewayId)) return own;
        DeviceState? gateway = _slots.TryGetValue(gatewayId, out DeviceSlot? slot) ? slot.State : null;
        return ProxiedPairRules.Apply(own, s, gatewayId, gateway, _policy);
    }

    /// <summary>For a canonical link of a proxied device: did the connection that owns its gateway's chain deliver it?
    /// (The embedded broker gives one label per client; through an external broker all frames share one label, so
    /// there the check always holds and the policy's registration is the only tie.)</summary>
    private void NoteCarrier(DeviceState s, InboundFrame input, ChainOutcome o)
    {
        if (!_policy.TryGatewayOf(s.DeviceId, out ulong gatewayId)) return;
        bool carried = !_slots.TryGetValue(gatewayId, out DeviceSlot? gateway) || gateway.State.OwnerHash == ConnectionHash(input.Connection);
        if (!carried && !s.Has(StandingFlags.NotCarriedByGateway))
            o.Notes.Add($"delivered by a connection that does not own gateway {Hex.FromWire(gatewayId)}'s chain");
        s.Set(StandingFlags.NotCarriedByGateway, !carried);
        if (o.Verdict == Verdict.Genesis) o.Notes.Add($"proxied device of gateway {Hex.FromWire(gatewayId)} (registered pair)");
    }

    /// <summary>Re-judges the proxied devices of <paramref name="gatewayId"/> when its mode or granted scope changed.</summary>
    private void CapProxiedOf(ulong gatewayId, long now)
    {
        if (_policy.Proxied.Count == 0) return;
        if (!ProxiedIndex().TryGetValue(gatewayId, out List<ulong>? devices)) return;
        if (!_slots.TryGetValue(gatewayId, out DeviceSlot? gatewaySlot)) return;
        (DecisionMode mode, ushort scope) = (gatewaySlot.State.Mode, gatewaySlot.State.GrantedScope);
        if (_gatewayStandings.TryGetValue(gatewayId, out var before) && before == (mode, scope)) return;
        _gatewayStandings[gatewayId] = (mode, scope);
        foreach (ulong id in devices)
        {
            if (!_slots.TryGetValue(id, out DeviceSlot? slot)) continue;
            lock (slot.Gate)
            {
                Judgement? judgement = Reassess(slot, now, $"gateway {Hex.FromWire(gatewayId)} is {mode}", false, false);
                if (judgement != null) { _pending.Enqueue(judgement); Judged?.Invoke(judgement); }
            }
        }
    }

    public string? GatewayHexOf(ulong deviceId) =>
        _policy.TryGatewayOf(deviceId, out ulong gatewayId) ? Hex.FromWire(gatewayId) : null;

    private Dictionary<ulong, List<ulong>> ProxiedIndex()
    {
        ProxiedIndexEntry? index = _proxiedIndex;
        if (index != null && ReferenceEquals(index.Policy, _policy) && index.Count == _policy.Proxied.Count) return index.ByGateway;
        var byGateway = new Dictionary<ulong, List<ulong>>();
        foreach (string device in _policy.Proxied.Keys)
        {
            if (!Hex.TryParseWire(device, 0, out ulong id) || !_policy.TryGatewayOf(id, out ulong gateway)) continue;
            if (!byGateway.TryGetValue(gateway, out List<ulong>? list)) byGateway[gateway] = list = new List<ulong>();
            list.Add(id);
        }
        _proxiedIndex = new ProxiedIndexEntry(_policy, _policy.Proxied.Count, byGateway);
        return byGateway;
    }
}
