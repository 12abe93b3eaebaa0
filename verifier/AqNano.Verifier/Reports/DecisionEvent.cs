namespace AqNano.Verifier.Reports;

/// <summary>A "decision" record as the report shows it.</summary>
public sealed record DecisionEvent(long Sequence, long TimeUnixMs, string Mode, long? Reason, string ReasonName,
    ushort? GrantedScope, string Epoch, long? Seq, string Explanation);
