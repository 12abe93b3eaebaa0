using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Protocol.Tests;

/// <summary>Reproduces ../shared/vectors/aqnano-v1-reference.json byte for byte: every
/// intermediate value of the chain, every frame, the Witness and the Decision, with both
/// the host and the portable HMAC.</summary>
public class ReferenceVectorTests
{
    public static TheoryData<string> Hmacs => new() { "host", "portable" };

    private static ChainMath Math(string hmac) =>
        new(hmac == "host" ? new HostHmacSha256() : new PortableHmacSha256());

    [Theory, MemberData(nameof(Hmacs))]
    public void DeviceIdAndTopicMatch(string hmac)
    {
        var v = ReferenceVectors.Load();
        byte[] mac = v.Bytes("chipIdMac");
        ulong id = Math(hmac).DeviceId(mac, 0, mac.Length);
        Assert.Equal(v.GetProperty("deviceId").GetString(), Hex.FromWire(id));
        Assert.Equal(v.GetProperty("obsTopic").GetString(), Topics.Observation(id));
    }

    [Theory, MemberData(nameof(Hmacs))]
    public void ChainIsReproducedByteForByte(string hmac)
    {
        var v = ReferenceVectors.Load();
        var math = Math(hmac);
        ulong deviceId = v.Wire("deviceId");
        ulong epoch = v.Wire("epoch");
        int[] features = v.GetProperty("features").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var state = new byte[32];
        var mix = new byte[32];
        var nextKey = new byte[32];
        var previousNextKey = new byte[32];
        var digest = new byte[32];
        var buffer = new byte[FrameLayout.MaxFrameSize];
        var frame = new Frame();

        foreach (var link in v.GetProperty("chain").EnumerateArray())
        {
            uint seq = link.GetProperty("seq").GetUInt32();
            ulong uptime = link.GetProperty("uptimeUs").GetUInt64();
            byte[] raw = link.Bytes("raw");
            math.Mix(raw, 0, raw.Length, mix, 0);
            Assert.Equal(link.Bytes("mix"), mix);
            if (seq == 0) math.Seed(deviceId, epoch, mix, 0, state, 0);
            else math.Advance(state, 0, seq, uptime, mix, 0);
            Assert.Equal(link.Bytes("S"), state);

            Assert.Equal(link.Bytes("revealR"), seq == 0 ? new byte[32] : previousNextKey);
            math.NextKey(state, 0, nextKey, 0);
            Assert.Equal(link.Bytes("nextR"), nextKey);

            frame.Kind = seq == 0 ? FrameKind.Genesis : FrameKind.Observation;
            frame.DeviceId = deviceId; frame.Epoch = epoch; frame.Seq = seq; frame.UptimeUs = uptime;
            frame.Flags = 0;
            frame.ResetCause = seq == 0 ? ResetCause.PowerOn : ResetCause.Unknown;
            frame.RequestedScope = (ushort)v.GetProperty("requestedScope").GetInt32();
            frame.FeatureMask = (ushort)v.GetProperty("featureMask").GetInt32();
            features.CopyTo(frame.Features, 0);
            Array.Copy(link.Bytes("revealR"), frame.Reveal, 32);
            math.Commit(nextKey, 0, frame.Commit, 0);
            Assert.Equal(link.Bytes("commitC"), frame.Commit);
            Array.Clear(frame.Tag);

            int length = FrameCodec.Write(frame, buffer, 0);
            math.Seal(buffer, 0, length, nextKey, 0, digest, 0);
            Assert.Equal(link.Bytes("frameDigest"), digest);
            Assert.Equal(link.Bytes("tag"), buffer.AsSpan(length - 32, 32).ToArray());
            Assert.Equal(link.Bytes("frame"), buffer.AsSpan(0, length).ToArray());
            Array.Copy(nextKey, previousNextKey, 32);
        }
    }

    [Fact]
    public void WitnessIsReproducedByteForByte()
    {
        var v = ReferenceVectors.Load();
        var w = v.GetProperty("witness");
        var math = Math("host");
        byte[] gatewayMac = w.Bytes("gatewayChipIdMac");
        Assert.Equal(w.Wire("gatewayId"), math.DeviceId(gatewayMac, 0, gatewayMac.Length));

        byte[] expected = w.Bytes("frame");
        var parsed = new Frame();
        Assert.True(FrameCodec.TryParse(expected, 0, expected.Length, parsed, out var rejection), rejection.ToString());
        Assert.Equal(FrameKind.Witness, parsed.Kind);
        Assert.Equal(w.Wire("gatewayId"), parsed.DeviceId);
        Assert.Equal(w.Wire("gatewayEpoch"), parsed.Epoch);
        Assert.Equal(w.GetProperty("seq").GetUInt32(), parsed.Seq);
        Assert.Equal(w.Bytes("revealR1"), parsed.Reveal);
        // The witnessed subject is seq 3 of the reference chain.
        var subject = v.GetProperty("chain")[3];
        Assert.Equal(v.Wire("deviceId"), parsed.SubjectDeviceId);
        Assert.Equal(3u, parsed.SubjectSeq);
        Assert.Equal(subject.Bytes("frameDigest"), parsed.SubjectFrameDigest);

        // Rebuild from fields: commit to R2 and seal with it.
        byte[] nextKey = w.Bytes("nextR2");
        var commit = new byte[32];
        math.Commit(nextKey, 0, commit, 0);
        Assert.Equal(commit, parsed.Commit);
        var buffer = new byte[FrameLayout.MaxFrameSize];
        Array.Clear(parsed.Tag);
        int length = FrameCodec.Write(parsed, buffer, 0);
        var digest = new byte[32];
        math.Seal(buffer, 0, length, nextKey, 0, digest, 0);
        Assert.Equal(w.Bytes("frameDigest"), digest);
        Assert.Equal(expected, buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void DecisionIsReproducedByteForByte()
    {
        var v = ReferenceVectors.Load();
        var d = v.GetProperty("decision");
        byte[] expected = d.Bytes("frame");
        var parsed = new Frame();
        Assert.True(FrameCodec.TryParse(expected, 0, expected.Length, parsed, out var rejection), rejection.ToString());
        Assert.Equal(DecisionMode.AdmitRestricted, parsed.Mode);
        Assert.Equal(d.GetProperty("reason").GetInt32(), parsed.Reason);
        Assert.Equal(d.GetProperty("grantedScope").GetInt32(), parsed.GrantedScope);
        Assert.Equal(d.GetProperty("ackSeq").GetUInt32(), parsed.Seq);
        Assert.Equal(v.GetProperty("chain")[5].Bytes("frameDigest"), parsed.AckFrameDigest);

        var buffer = new byte[FrameLayout.MaxFrameSize];
        int length = FrameCodec.Write(parsed, buffer, 0);
        Assert.Equal(expected, buffer.AsSpan(0, length).ToArray());
    }
}
