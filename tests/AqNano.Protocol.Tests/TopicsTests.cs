namespace AqNano.Protocol.Tests;

/// <summary>DESIGN.md "Topics": {id} is the deviceId's 8 wire bytes as 16 lower-case hex
/// characters; anything not exactly a v1 form is Unknown.</summary>
public class TopicsTests
{
    private const ulong Id = 0xd662dca5c803be0f; // wire bytes 0f be 03 c8 a5 dc 62 d6 (reference vectors)
    private const string IdHex = "0fbe03c8a5dc62d6";

    [Fact]
    public void BuildersUseTheWireOrderHexOfTheId()
    {
        Assert.Equal($"aq/v1/dev/{IdHex}/obs", Topics.Observation(Id));
        Assert.Equal($"aq/v1/dev/{IdHex}/decision", Topics.Decision(Id));
        Assert.Equal($"aq/v1/dev/{IdHex}/app/telemetry", Topics.Application(Id, "telemetry"));
    }

    [Theory]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/obs", TopicKind.Observation)]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/decision", TopicKind.Decision)]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/app/telemetry", TopicKind.Application)]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/app/a/b", TopicKind.Application)]
    public void ClassifiesTheV1FormsAndReadsTheId(string topic, TopicKind kind)
    {
        Assert.Equal(kind, Topics.Classify(topic, out ulong id));
        Assert.Equal(Id, id);
    }

    [Theory]
    [InlineData("aq/v1/dev/0FBE03C8A5DC62D6/obs")] // upper case: one id, one topic
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d/obs")] // 15 hex
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6a/obs")] // 17 hex
    [InlineData("aq/v1/dev/0fbe03c8a5dc62dg/obs")] // not hex
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/obs/x")] // extra level
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/obsx")]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/decision/")]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/app/")] // empty app name
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6/app")]
    [InlineData("aq/v1/dev/0fbe03c8a5dc62d6")]
    [InlineData("aq/v2/dev/0fbe03c8a5dc62d6/obs")]
    [InlineData("/aq/v1/dev/0fbe03c8a5dc62d6/obs")]
    [InlineData("aq/v1/dev/+/obs")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsUnknownWithIdZero(string? topic)
    {
        Assert.Equal(TopicKind.Unknown, Topics.Classify(topic!, out ulong id));
        Assert.Equal(0UL, id);
    }

    [Fact]
    public void ClassifyInvertsTheBuildersForRandomIds()
    {
        var random = new Random(11);
        for (int i = 0; i < 1000; i++)
        {
            ulong id = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            Assert.Equal(TopicKind.Observation, Topics.Classify(Topics.Observation(id), out ulong a));
            Assert.Equal(TopicKind.Decision, Topics.Classify(Topics.Decision(id), out ulong b));
            Assert.Equal(TopicKind.Application, Topics.Classify(Topics.Application(id, "x"), out ulong c));
            Assert.Equal((id, id, id), (a, b, c));
        }
    }
}
