using AqNano.Protocol;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>A Decision the verifier published retained for a device, decoded, with the virtual time it went out.</summary>
public sealed record PublishedDecision(long TimeUs, ulong DeviceId, ulong Epoch, uint Seq, DecisionMode Mode, byte Reason, ushort GrantedScope);
