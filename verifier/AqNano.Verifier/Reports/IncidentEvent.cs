namespace AqNano.Verifier.Reports;

/// <summary>An "incident" record (clone, fork, tamper, contended, witness-disagreement, divergence...).</summary>
public sealed record IncidentEvent(long Sequence, long TimeUnixMs, ulong DeviceId, string Type, string Explanation);
