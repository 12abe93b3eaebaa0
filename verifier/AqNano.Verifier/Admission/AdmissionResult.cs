using AqNano.Protocol;

namespace AqNano.Verifier.Admission;

/// <summary>A device's standing: the mode, the reason code, the scope ceiling the mode allows and the
/// one-line why.</summary>
public sealed record AdmissionResult(DecisionMode Mode, byte Reason, ushort Ceiling, string Why);
