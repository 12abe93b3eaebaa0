using System.Text.Json;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Protocol.Tests.Vectors;

/// <summary>Checks a list of vector links the way a device and a verifier would: recompute
/// mix, S, next key, commitment, digest and tag from the raw samples, parse the frame and
/// compare its fields, and check each reveal against the previous commitment and the
/// previous tag under the revealed key (delayed disclosure).</summary>
internal static class VectorChainChecker
{
    public static void Verify(ChainMath math, IReadOnlyList<JsonElement> links)
    {
        var state = new byte[32];
        var scratch = new byte[32];
        JsonElement? previous = null;
        foreach (var link in links)
        {
            var frame = Support.SampleFrames.Parse(link.Bytes("frame"));
            AssertFields(link, frame);

            byte[] raw = link.Bytes("raw");
            math.Mix(raw, 0, raw.Length, scratch, 0);
            Assert.Equal(link.Bytes("mix"), scratch);
            if (frame.Seq == 0) math.Seed(frame.DeviceId, frame.Epoch, scratch, 0, state, 0);
            else math.Advance(state, 0, frame.Seq, frame.UptimeUs, scratch, 0);
            Assert.Equal(link.Bytes("S"), state);

            byte[] nextR = link.Bytes("nextR");
            math.NextKey(state, 0, scratch, 0);
            Assert.Equal(nextR, scratch);
            math.Commit(nextR, 0, scratch, 0);
            Assert.Equal(link.Bytes("commitC"), scratch);
            Assert.Equal(link.Bytes("commitC"), frame.Commit);
            Assert.Equal(link.Bytes("revealR"), frame.Reveal);

            byte[] encoded = link.Bytes("frame");
            math.FrameDigest(encoded, 0, encoded.Length - 32, scratch, 0);
            Assert.Equal(link.Bytes("frameDigest"), scratch);
            Assert.True(math.TagMatches(nextR, 0, link.Bytes("frameDigest"), 0, frame.Tag, 0));
            Assert.Equal(link.Bytes("tag"), frame.Tag);

            if (previous is { } before)
            {
                Assert.Equal(before.Bytes("nextR"), frame.Reveal);
                Assert.True(math.Opens(frame.Reveal, 0, before.Bytes("commitC"), 0));
                Assert.True(math.TagMatches(frame.Reveal, 0, before.Bytes("frameDigest"), 0, before.Bytes("tag"), 0));
                Assert.Equal(before.GetProperty("seq").GetUInt32() + 1, frame.Seq);
            }
            else
            {
                Assert.Equal(FrameKind.Genesis, frame.Kind);
            }
            previous = link;
        }
    }

    public static void AssertFields(JsonElement json, Frame frame)
    {
        Assert.Equal(json.GetProperty("kind").GetString(), frame.Kind.ToString());
        Assert.Equal(json.GetProperty("kindNumber").GetInt32(), (int)frame.Kind);
        Assert.Equal(json.GetProperty("deviceId").GetString(), Hex.FromWire(frame.DeviceId));
        Assert.Equal(json.GetProperty("epoch").GetString(), Hex.FromWire(frame.Epoch));
        Assert.Equal(json.GetProperty("seq").GetUInt32(), frame.Seq);
        Assert.Equal(json.GetProperty("uptimeUs").GetUInt64(), frame.UptimeUs);
        switch (frame.Kind)
        {
            case FrameKind.Genesis:
            case FrameKind.Observation:
                Assert.Equal(json.GetProperty("flags").GetInt32(), frame.Flags);
                Assert.Equal(json.GetProperty("resetCause").GetInt32(), (int)frame.ResetCause);
                Assert.Equal(json.GetProperty("requestedScope").GetInt32(), frame.RequestedScope);
                Assert.Equal(json.GetProperty("featureMask").GetInt32(), frame.FeatureMask);
                var present = Enumerable.Range(0, Features.Count).Where(i => Features.IsPresent(frame.FeatureMask, i)).Select(i => frame.Features[i]);
                Assert.Equal(json.GetProperty("features").EnumerateArray().Select(e => e.GetInt32()), present);
                break;
            case FrameKind.Witness:
                Assert.Equal(json.GetProperty("subjectDeviceId").GetString(), Hex.FromWire(frame.SubjectDeviceId));
                Assert.Equal(json.GetProperty("subjectEpoch").GetString(), Hex.FromWire(frame.SubjectEpoch));
                Assert.Equal(json.GetProperty("subjectSeq").GetUInt32(), frame.SubjectSeq);
                Assert.Equal(json.Bytes("subjectFrameDigest"), frame.SubjectFrameDigest);
                Assert.Equal(json.GetProperty("rssi").GetInt32(), frame.Rssi);
                Assert.Equal(json.GetProperty("path").GetInt32(), (int)frame.Path);
                break;
            case FrameKind.Decision:
                Assert.Equal(json.GetProperty("mode").GetString(), frame.Mode.ToString());
                Assert.Equal(json.GetProperty("modeNumber").GetInt32(), (int)frame.Mode);
                Assert.Equal(json.GetProperty("reason").GetInt32(), frame.Reason);
                Assert.Equal(json.GetProperty("grantedScope").GetInt32(), frame.GrantedScope);
                Assert.Equal(json.Bytes("ackFrameDigest"), frame.AckFrameDigest);
                break;
        }
    }
}
