namespace AqNano.Verifier.App.Broker;

/// <summary>Why the broker refused a publish, a subscription or a delivery. Each is counted
/// (/metrics: aqnano_broker_refusals_total{reason}) and none changes device state.</summary>
public enum Refusal
{
    None = 0,
    /// <summary>An obs frame from a connection that does not own the device and is neither its next link nor a conflict.</summary>
    NotOwner,
    /// <summary>The verifier judged the frame not to be forwarded (malformed, broken, stale, gap...).</summary>
    VerifierRefused,
    /// <summary>Only the verifier publishes on decision topics.</summary>
    DecisionPublishForbidden,
    /// <summary>Only the verifier reads obs topics.</summary>
    ObservationSubscribeForbidden,
    /// <summary>App traffic outside the device's granted scope (or from a connection that does not own it).</summary>
    OutsideGrant,
    /// <summary>An app channel v1 does not define (aq/v1/dev/{id}/app/{channel}).</summary>
    UnknownAppChannel,
    /// <summary>A subscription that could match another device's app topics.</summary>
    ForeignAppTopic,
    /// <summary>A topic under aq/ that is not one of the v1 forms.</summary>
    UnknownTopic,
    /// <summary>A retained publish on an obs or app topic: retained copies would outlive the grant.</summary>
    RetainForbidden,
    /// <summary>The ledger could not take the frame: no PUBACK, the connection is closed, the board resends.</summary>
    LedgerUnavailable,
    /// <summary>A publish payload above BrokerLimits.MaxPayloadBytes: refused before the verifier sees it.</summary>
    PayloadTooLarge,
    /// <summary>A connection publishing faster than BrokerLimits.PublishesPerSecond (after its burst).</summary>
    RateExceeded,
    /// <summary>A CONNECT beyond BrokerLimits.MaxConnections.</summary>
    ConnectionLimit,
    /// <summary>A retained publish outside aq/ on one more topic than BrokerLimits.MaxRetainedTopics.</summary>
    RetainedLimit,
}
