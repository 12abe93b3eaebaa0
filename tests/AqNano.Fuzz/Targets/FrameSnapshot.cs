using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Targets;

/// <summary>Every field of a <see cref="Frame"/> as bytes, meaningful for its kind or not, so that
/// "the target frame is untouched on refusal" (FrameCodec's contract) can be compared exactly.</summary>
public static class FrameSnapshot
{
    public static byte[] Of(Frame frame)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write((byte)frame.Kind); writer.Write(frame.DeviceId); writer.Write(frame.Epoch);
            writer.Write(frame.Seq); writer.Write(frame.UptimeUs);
            writer.Write(frame.Flags); writer.Write((byte)frame.ResetCause); writer.Write(frame.RequestedScope); writer.Write(frame.FeatureMask);
            foreach (int feature in frame.Features) writer.Write(feature);
            writer.Write(frame.SubjectDeviceId); writer.Write(frame.SubjectEpoch); writer.Write(frame.SubjectSeq);
            writer.Write(frame.SubjectFrameDigest); writer.Write(frame.Rssi); writer.Write((byte)frame.Path);
            writer.Write(frame.Reveal); writer.Write(frame.Commit); writer.Write(frame.Tag);
            writer.Write((byte)frame.Mode); writer.Write(frame.Reason); writer.Write(frame.GrantedScope); writer.Write(frame.AckFrameDigest);
        }
        return stream.ToArray();
    }

    /// <summary>A frame with a distinct, non-default value in every field: a parser that wrote any
    /// field on refusal would show in the snapshot.</summary>
    public static Frame Sentinel()
    {
        var frame = new Frame
        {
            Kind = (FrameKind)0xEE, DeviceId = 0x1111_2222_3333_4444, Epoch = 0x5555_6666_7777_8888, Seq = 0x9999_AAAA, UptimeUs = 0xBBBB_CCCC_DDDD_EEEE,
            Flags = 0xA5, ResetCause = (ResetCause)0xA6, RequestedScope = 0xA7A7, FeatureMask = 0xA8A8,
            SubjectDeviceId = 0x0102_0304_0506_0708, SubjectEpoch = 0x0910_1112_1314_1516, SubjectSeq = 0x1718_1920,
            Rssi = 0x2122, Path = (WitnessPath)0xA9, Mode = (Protocol.DecisionMode)0xAA, Reason = 0xAB, GrantedScope = 0xACAC,
        };
        for (int i = 0; i < frame.Features.Length; i++) frame.Features[i] = -0x5A5A_0000 - i;
        Array.Fill(frame.SubjectFrameDigest, (byte)0xB1);
        Array.Fill(frame.Reveal, (byte)0xB2);
        Array.Fill(frame.Commit, (byte)0xB3);
        Array.Fill(frame.Tag, (byte)0xB4);
        Array.Fill(frame.AckFrameDigest, (byte)0xB5);
        return frame;
    }
}
