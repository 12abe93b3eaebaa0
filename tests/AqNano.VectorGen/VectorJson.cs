using System.Text.Json;
using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.VectorGen;

/// <summary>How frames and links look in the vector file: byte strings as lower-case hex,
/// ids and epochs as their eight wire bytes in hex (DESIGN.md "Topics"), integers as numbers.</summary>
internal static class VectorJson
{
    public static void Hex(this Utf8JsonWriter json, string name, byte[] bytes) =>
        json.WriteString(name, Convert.ToHexStringLower(bytes));

    public static void Fields(Utf8JsonWriter json, Frame frame)
    {
        json.WriteString("kind", frame.Kind.ToString());
        json.WriteNumber("kindNumber", (int)frame.Kind);
        json.WriteString("deviceId", AqNano.Protocol.Hex.FromWire(frame.DeviceId));
        json.WriteString("epoch", AqNano.Protocol.Hex.FromWire(frame.Epoch));
        json.WriteNumber("seq", frame.Seq);
        json.WriteNumber("uptimeUs", frame.UptimeUs);
        switch (frame.Kind)
        {
            case FrameKind.Genesis:
            case FrameKind.Observation:
                json.WriteNumber("flags", frame.Flags);
                json.WriteNumber("resetCause", (int)frame.ResetCause);
                json.WriteNumber("requestedScope", frame.RequestedScope);
                json.WriteNumber("featureMask", frame.FeatureMask);
                json.WriteStartArray("features");
                for (int i = 0; i < Features.Count; i++)
                {
                    if (Features.IsPresent(frame.FeatureMask, i)) json.WriteNumberValue(frame.Features[i]);
                }
                json.WriteEndArray();
                break;
            case FrameKind.Witness:
                json.WriteString("subjectDeviceId", AqNano.Protocol.Hex.FromWire(frame.SubjectDeviceId));
                json.WriteString("subjectEpoch", AqNano.Protocol.Hex.FromWire(frame.SubjectEpoch));
                json.WriteNumber("subjectSeq", frame.SubjectSeq);
                json.Hex("subjectFrameDigest", frame.SubjectFrameDigest);
                json.WriteNumber("rssi", frame.Rssi);
                json.WriteNumber("path", (int)frame.Path);
                break;
            case FrameKind.Decision:
                json.WriteString("mode", frame.Mode.ToString());
                json.WriteNumber("modeNumber", (int)frame.Mode);
                json.WriteNumber("reason", frame.Reason);
                json.WriteNumber("grantedScope", frame.GrantedScope);
                json.Hex("ackFrameDigest", frame.AckFrameDigest);
                break;
        }
    }

    public static void Link(Utf8JsonWriter json, LinkRecord link)
    {
        json.WriteStartObject();
        Fields(json, link.Frame);
        json.Hex("raw", link.Raw);
        json.Hex("mix", link.Mix);
        json.Hex("S", link.State);
        json.Hex("revealR", link.RevealR);
        json.Hex("nextR", link.NextR);
        json.Hex("commitC", link.CommitC);
        json.Hex("frameDigest", link.FrameDigest);
        json.Hex("tag", link.Tag);
        json.Hex("frame", link.Encoded);
        json.WriteEndObject();
    }
}
