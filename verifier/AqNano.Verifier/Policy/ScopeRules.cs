using AqNano.Protocol;

namespace AqNano.Verifier.Policy;

/// <summary>What each mode may grant (DESIGN.md "Actuation"): execution is intent (requestedScope)
/// masked by the mode's ceiling, and Observe always, so that a device can keep building continuity.</summary>
public sealed class ScopeRules
{
    public ushort AdmitFull { get; set; } = Scopes.All;
    public ushort AdmitRestricted { get; set; } = Scopes.Observe | Scopes.Telemetry;
    public ushort AdmitMonitored { get; set; } = Scopes.Observe | Scopes.Telemetry;
    public ushort Deferred { get; set; } = Scopes.Observe;
    public ushort Refused { get; set; } = Scopes.Observe;

    public ushort Ceiling(DecisionMode mode) => mode switch
    {
        DecisionMode.AdmitFull => AdmitFull,
        DecisionMode.AdmitRestricted => AdmitRestricted,
        DecisionMode.AdmitMonitored => AdmitMonitored,
        DecisionMode.Deferred => Deferred,
        _ => Refused,
    };
}
