using System.Text.Json;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.VectorGen;

namespace AqNano.Protocol.Tests.Vectors;

/// <summary>tests/vectors/aqnano-v1-project.json: it must be what the generator makes today
/// (CI fails on drift), and it must check out with the parser and the chain math, here with
/// the host HMAC while the generator uses the portable one.</summary>
public class ProjectVectorTests
{
    private static JsonElement Vectors => ReferenceVectors.Load(ProjectVectors.FileName);

    [Fact]
    public void CommittedFileIsWhatTheGeneratorMakes()
    {
        string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", ProjectVectors.FileName)).ReplaceLineEndings("\n");
        Assert.True(committed == ProjectVectors.Build(),
            "tests/vectors/aqnano-v1-project.json drifted: rerun `dotnet run --project tests/AqNano.VectorGen -- tests/vectors/aqnano-v1-project.json` and review the diff");
    }

    [Fact]
    public void DeviceChainVerifiesLinkByLink()
    {
        var v = Vectors;
        var math = new ChainMath(new HostHmacSha256());
        byte[] mac = v.Bytes("chipIdMac");
        Assert.Equal(v.GetProperty("deviceId").GetString(), Hex.FromWire(math.DeviceId(mac, 0, mac.Length)));
        var links = v.GetProperty("chain").EnumerateArray().Append(v.GetProperty("kinds").GetProperty("observation")).ToList();
        Assert.Equal(7, links.Count);
        VectorChainChecker.Verify(math, links);
    }

    [Fact]
    public void KindVectorsCoverWhatTheyClaim()
    {
        var kinds = Vectors.GetProperty("kinds");
        Assert.Equal(Vectors.GetProperty("chain")[0].GetProperty("frame").GetString(), kinds.GetProperty("genesis").GetProperty("frame").GetString());
        var observation = SampleFromHex(kinds.GetProperty("observation"));
        Assert.Equal(FrameKind.Observation, observation.Kind);
        Assert.NotEqual(Features.AllMask, observation.FeatureMask);
        Assert.NotEqual(0, observation.FeatureMask);
        Assert.Equal(ObservationFlags.Defined, observation.Flags);
    }

    [Fact]
    public void GatewayChainAndWitnessVerify()
    {
        var v = Vectors;
        var kinds = v.GetProperty("kinds");
        var math = new ChainMath(new HostHmacSha256());
        byte[] mac = kinds.Bytes("gatewayChipIdMac");
        Assert.Equal(kinds.GetProperty("gatewayId").GetString(), Hex.FromWire(math.DeviceId(mac, 0, mac.Length)));
        VectorChainChecker.Verify(math, [kinds.GetProperty("gatewayGenesis"), kinds.GetProperty("witness")]);

        var witness = SampleFromHex(kinds.GetProperty("witness"));
        var subject = v.GetProperty("chain")[(int)witness.SubjectSeq];
        Assert.Equal(subject.Bytes("frameDigest"), witness.SubjectFrameDigest);
        Assert.Equal(v.Wire("deviceId"), witness.SubjectDeviceId);
    }

    [Fact]
    public void DecisionParsesAndAcknowledgesTheLastLink()
    {
        var kinds = Vectors.GetProperty("kinds");
        var decision = kinds.GetProperty("decision");
        var frame = SampleFromHex(decision);
        VectorChainChecker.AssertFields(decision, frame);
        Assert.Equal(kinds.GetProperty("observation").Bytes("frameDigest"), frame.AckFrameDigest);
        Assert.Equal(kinds.GetProperty("observation").GetProperty("seq").GetUInt32(), frame.Seq);
    }

    [Fact]
    public void EveryInvalidFrameEarnsItsStatedRejection()
    {
        var seen = new HashSet<FrameRejection>();
        foreach (var item in Vectors.GetProperty("invalid").EnumerateArray())
        {
            byte[] bytes = item.Bytes("frame");
            var actual = FrameCodec.Check(bytes, 0, bytes.Length);
            Assert.Equal(item.GetProperty("rejection").GetString(), actual.ToString());
            Assert.Equal(item.GetProperty("rejectionNumber").GetInt32(), (int)actual);
            seen.Add(actual);
        }
        // Every reason a byte string can earn (BufferOutOfRange is about the caller's buffer).
        var reachable = Enum.GetValues<FrameRejection>().Where(r => r is not FrameRejection.None and not FrameRejection.BufferOutOfRange);
        Assert.Empty(reachable.Except(seen));
    }

    private static Frame SampleFromHex(JsonElement element) => Support.SampleFrames.Parse(element.Bytes("frame"));
}
