namespace AqNano.Verifier;

/// <summary>The read side of the verifier for the dashboard, metrics and reports.</summary>
public interface IFleetView
{
    IReadOnlyList<DeviceView> Devices();

    DeviceView? Device(ulong deviceId);

    /// <summary>Raised after every judgement is written to the ledger (on the judging thread:
    /// handlers must be quick and must not call back into Judge).</summary>
    event Action<Judgement>? Judged;
}
