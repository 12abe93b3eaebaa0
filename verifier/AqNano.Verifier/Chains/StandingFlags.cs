namespace AqNano.Verifier.Chains;

/// <summary>Persistent facts about a device that bound its admission (DESIGN.md "The verifier's rules",
/// "Evidence"). Incident flags stay until an operator reinstates; anomaly flags follow the latest checked frame.</summary>
[Flags]
public enum StandingFlags : uint
{
    None = 0,
    /// <summary>Clone evidence on a confidential path: Refused until an operator resolves.</summary>
    Quarantined = 1 << 0,
    OperatorRevoked = 1 << 1,
    /// <summary>A closed epoch linked during its keep period: both epochs Deferred.</summary>
    Contended = 1 << 2,
    /// <summary>A frame's delayed tag failed: monitored.</summary>
    Altered = 1 << 3,
    OpenPathConflict = 1 << 4,
    WitnessDisagreement = 1 << 5,
    DivergenceSeen = 1 << 6,
    FeatureAnomaly = 1 << 7,
    SkewAnomaly = 1 << 8,
    ContextViolation = 1 << 9,
    UptimeRegression = 1 << 10,
    /// <summary>The current epoch is the device's first (a new device, trust on first use).</summary>
    FirstEpoch = 1 << 11,
    /// <summary>A registered witness agreed with a frame of the current epoch.</summary>
    Witnessed = 1 << 12,
    /// <summary>Some accepted frame of the current epoch came over an open path: its reveals may be public.</summary>
    OpenPathInEpoch = 1 << 13,
    /// <summary>The current epoch was promoted from a candidate (a reboot or a takeover).</summary>
    PromotedEpoch = 1 << 14,
    /// <summary>Two candidates are held: only an operator or a registered witness promotes.</summary>
    TwoCandidates = 1 << 15,
    /// <summary>A grant failed its verification: the scope stays at the last verified grant until clean links resume.</summary>
    GrantProbation = 1 << 16,

    // Proxied devices (docs/VERIFIER.md "Proxied devices"); high bits, apart from the core's.
    /// <summary>The last tag-checked window of a proxied device left its running statistics.</summary>
    BehaviourShift = 1 << 24,
    /// <summary>Two consecutive shifted windows: a third confirms the shift.</summary>
    BehaviourShiftRepeated = 1 << 25,
    /// <summary>A confirmed shift: a new unit behind the address, young again until it deepens to full.</summary>
    ShiftRelearning = 1 << 26,
    /// <summary>The last canonical frame of a proxied device came over a connection that does not own its gateway's chain.</summary>
    NotCarriedByGateway = 1 << 27,

    /// <summary>Incidents an operator's Reinstate clears.</summary>
    OperatorResolvable = Quarantined | OperatorRevoked | Contended | Altered | OpenPathConflict | WitnessDisagreement | DivergenceSeen,
    /// <summary>Anomalies recomputed from each checked frame.</summary>
    FrameAnomalies = FeatureAnomaly | SkewAnomaly | ContextViolation | UptimeRegression,
}
