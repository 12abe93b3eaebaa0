using AqNano.Protocol.Frames;

namespace AqNano.Protocol.Tests.Support;

/// <summary>Valid encoded frames to mutate: the reference vectors' frames (every chain
/// frame, the Witness, the Decision), the project vectors' kinds (among them a partial-mask
/// Observation with both flags set and a featureless Genesis), and fixed random frames of
/// each kind.</summary>
internal static class SampleFrames
{
    public static IEnumerable<(string Name, byte[] Bytes)> All()
    {
        var v = ReferenceVectors.Load();
        foreach (var link in v.GetProperty("chain").EnumerateArray())
        {
            yield return ($"reference seq {link.GetProperty("seq").GetInt32()}", link.Bytes("frame"));
        }
        yield return ("reference witness", v.GetProperty("witness").Bytes("frame"));
        yield return ("reference decision", v.GetProperty("decision").Bytes("frame"));
        var kinds = ReferenceVectors.Load(VectorGen.ProjectVectors.FileName).GetProperty("kinds");
        foreach (var kind in new[] { "observation", "gatewayGenesis", "witness", "decision" })
        {
            yield return ($"project {kind}", kinds.GetProperty(kind).Bytes("frame"));
        }
        foreach (var kind in Enum.GetValues<FrameKind>())
        {
            int i = 0;
            foreach (var frame in FrameGenerators.Fixed(kind, 6)) yield return ($"random {kind} #{i++}", Encode(frame));
        }
    }

    public static byte[] Encode(Frame frame)
    {
        var buffer = new byte[frame.EncodedLength];
        Assert.Equal(buffer.Length, FrameCodec.Write(frame, buffer, 0));
        return buffer;
    }

    public static Frame Parse(byte[] bytes)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out var rejection), rejection.ToString());
        return frame;
    }
}
