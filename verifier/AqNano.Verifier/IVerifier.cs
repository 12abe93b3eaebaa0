namespace AqNano.Verifier;

/// <summary>The verifier core as the app (broker, ingest, dashboard, replay) sees it.
/// Judge is called inline in the broker's publish path, before the frame is acknowledged;
/// it has written the ledger when it returns. Safe to call from several threads.</summary>
public interface IVerifier
{
    Judgement Judge(InboundFrame frame);

    /// <summary>The scope the broker must enforce for this device right now (Observe when unknown).</summary>
    ushort GrantedScope(ulong deviceId);

    /// <summary>Operator action, recorded with its operator and reason; returns the new judgement
    /// (its DecisionFrame to be published), or null for an unknown device.</summary>
    Judgement? Revoke(ulong deviceId, string operatorName, string reason);

    Judgement? Reinstate(ulong deviceId, string operatorName, string reason);

    /// <summary>Re-judges time-driven rules (missed links, candidate promotion, keep periods)
    /// at the injected clock's now; returns the judgements that changed a device's standing.</summary>
    IReadOnlyList<Judgement> Tick();
}
