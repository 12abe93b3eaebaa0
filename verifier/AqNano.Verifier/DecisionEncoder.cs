using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Chains;

namespace AqNano.Verifier;

/// <summary>Encodes the v1 Decision for a device's canonical chain with the shared codec (DESIGN.md "Decision
/// body"): header deviceId, epoch and seq of the last accepted canonical frame, uptimeUs the verifier's unix
/// time in microseconds, ackFrameDigest that frame's digest.</summary>
public static class DecisionEncoder
{
    public static byte[] Encode(DeviceState s, DecisionMode mode, byte reason, ushort grantedScope, long nowUnixMs)
    {
        var frame = new Frame
        {
            Kind = FrameKind.Decision,
            DeviceId = s.DeviceId,
            Epoch = s.Epoch,
            Seq = s.LastSeq,
            UptimeUs = (ulong)nowUnixMs * 1000,
            Mode = mode,
            Reason = reason,
            GrantedScope = grantedScope,
        };
        Array.Copy(s.RingDigests, s.RingIndex(s.LastSeq), frame.AckFrameDigest, 0, 32);
        var buffer = new byte[FrameLayout.DecisionSize];
        FrameCodec.Write(frame, buffer, 0);
        return buffer;
    }
}
