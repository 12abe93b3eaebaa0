using AqNano.Protocol;
using AqNano.Verifier.Evidence;

namespace AqNano.Verifier;

/// <summary>The verifier's answer to one inbound frame: what the broker must do with it and
/// what the device is now granted. Written to the ledger before it is returned.</summary>
/// <param name="Forward">True when the broker may acknowledge and deliver the frame (a next link, a
/// conflict kept as evidence, a duplicate); false when it is dropped and counted.</param>
/// <param name="TakeOwnership">True when the delivering connection now owns the device's topics.</param>
/// <param name="DecisionFrame">A v1 Decision to publish retained on the device's decision topic, or null
/// (candidates, refusals of other senders and incidents are recorded, not published).</param>
/// <param name="Explanation">The decision in one line, with the evidence that made it.</param>
public sealed record Judgement(
    ulong DeviceId,
    ulong Epoch,
    uint Seq,
    Verdict Verdict,
    DecisionMode Mode,
    byte Reason,
    ushort GrantedScope,
    bool Forward,
    bool TakeOwnership,
    byte[]? DecisionFrame,
    string Explanation)
{
    /// <summary>The evidence this judgement rested on (added by the verifier core; null for frames that never
    /// reached a device's chain, such as malformed input).</summary>
    public EvidenceSnapshot? Evidence { get; init; }
}
