using AqNano.Protocol;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Admission;

/// <summary>Admission of a proxied device as one unit with its gateway (docs/VERIFIER.md "Proxied devices"), applied
/// after <see cref="AdmissionRules.Decide"/>, first match wins:
///   the device's own Refused stands (quarantine, revocation);
///   no chain of the registered gateway at the verifier yet: Deferred, GatewayUnknown;
///   then the device's own caps, the lowest that applies: its last frame came over a connection that does not own
///   the gateway's chain (Deferred, UnregisteredPair), else a suspected behaviour shift (AdmitMonitored) or a
///   confirmed one, relearning (AdmitRestricted), both BehaviourShift;
///   then the gateway's cap, which wins whenever it is lower: never above the gateway's mode, and its granted scope never beyond the gateway's (plus Observe),
///   reason CappedByGateway when the gateway's standing is the lower one.</summary>
public static class ProxiedPairRules
{
    public static AdmissionResult Apply(AdmissionResult own, DeviceState s, ulong gatewayId, DeviceState? gateway, VerifierPolicy policy)
    {
        if (own.Mode == DecisionMode.Refused) return own;
        ScopeRules scopes = policy.Zone(policy.ZoneOf(s.DeviceId)).Scopes;
        string gatewayHex = Hex.FromWire(gatewayId);
        if (gateway == null)
            return new(DecisionMode.Deferred, Reasons.GatewayUnknown, scopes.Deferred, $"its registered gateway {gatewayHex} has no chain here yet");
        AdmissionResult result = own;
        if (s.Has(StandingFlags.NotCarriedByGateway) && Rank(result.Mode) < Rank(DecisionMode.Deferred))
            result = new(DecisionMode.Deferred, Reasons.UnregisteredPair, scopes.Deferred, $"carried by a connection that does not own gateway {gatewayHex}'s chain");
        else if (s.Has(StandingFlags.BehaviourShift) && Rank(result.Mode) < Rank(DecisionMode.AdmitMonitored))
            result = new(DecisionMode.AdmitMonitored, Reasons.BehaviourShift, scopes.AdmitMonitored, "monitored: its behaviour left its running statistics (a swapped sensor?)");
        else if (s.Has(StandingFlags.ShiftRelearning) && Rank(result.Mode) <= Rank(DecisionMode.AdmitRestricted))
            result = new(DecisionMode.AdmitRestricted, Reasons.BehaviourShift, scopes.AdmitRestricted,
                $"restricted: a confirmed behaviour shift, relearning as a new unit ({s.ContinuityDepth}/{policy.Zone(policy.ZoneOf(s.DeviceId)).LinksForFull} links)");
        ushort gatewayCeiling = (ushort)(gateway.GrantedScope | Scopes.Observe);
        if (Rank(gateway.Mode) > Rank(result.Mode))
            return new(gateway.Mode, Reasons.CappedByGateway, (ushort)(scopes.Ceiling(gateway.Mode) & gatewayCeiling),
                $"capped by gateway {gatewayHex}: {gateway.Mode}/{ReasonNames.Of(gateway.Reason)}");
        return result with { Ceiling = (ushort)(result.Ceiling & gatewayCeiling) };
    }

    /// <summary>Higher is less trusted: AdmitFull 0 ... Refused 4.</summary>
    public static int Rank(DecisionMode mode) => mode switch
    {
        DecisionMode.AdmitFull => 0,
        DecisionMode.AdmitRestricted => 1,
        DecisionMode.AdmitMonitored => 2,
        DecisionMode.Deferred => 3,
        _ => 4,
    };
}
