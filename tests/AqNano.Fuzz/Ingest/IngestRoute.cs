using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier;

namespace AqNano.Fuzz.Ingest;

/// <summary>Where an input arrives: the topic and path are drawn from the input's own bytes, so that
/// AFL++ (which only sends bytes) and the campaign reach the same cases: the frame's own obs topic most
/// of the time, and sometimes another device's obs topic, its decision topic or a malformed topic
/// (DESIGN.md "Topics": a frame whose deviceId differs from its topic's {id} is refused).</summary>
public static class IngestRoute
{
    public static (string Topic, PathMode Path) For(byte[] payload, ulong knownDeviceId)
    {
        uint sum = 0;
        foreach (byte value in payload) sum += value;
        ulong own = payload.Length >= FrameLayout.DeviceIdOffset + 8 ? BitConverter.ToUInt64(payload, FrameLayout.DeviceIdOffset) : knownDeviceId;
        PathMode path = (sum & 0x100) == 0 ? PathMode.Confidential : PathMode.Open;
        string topic = (sum % 16) switch
        {
            12 => Topics.Observation(own == knownDeviceId ? knownDeviceId + 1 : knownDeviceId),
            13 => Topics.Decision(own),
            14 => Topics.Observation(own).ToUpperInvariant(),
            15 => Topics.Prefix + "not-a-device-id/obs",
            _ => Topics.Observation(own),
        };
        return (topic, path);
    }

    /// <summary>The device ids an input could touch: the frame's own and the topic's.</summary>
    public static IEnumerable<ulong> DevicesNamed(byte[] payload, string topic)
    {
        if (payload.Length >= FrameLayout.DeviceIdOffset + 8) yield return BitConverter.ToUInt64(payload, FrameLayout.DeviceIdOffset);
        if (Topics.Classify(topic, out ulong topicId) != TopicKind.Unknown) yield return topicId;
    }
}
