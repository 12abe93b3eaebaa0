namespace AqNano.Verifier.App.Ingest;

/// <summary>Where Decision frames go: retained on aq/v1/dev/{id}/decision, in order per device
/// (DESIGN.md "Decisions go out on the device's retained decision topic only for its canonical chain").</summary>
public interface IDecisionSink
{
    void Publish(ulong deviceId, byte[] decisionFrame);
}
