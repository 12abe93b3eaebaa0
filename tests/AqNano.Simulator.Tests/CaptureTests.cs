using AqNano.Simulator.Capture;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Tests;

public sealed class CaptureTests
{
    [Fact]
    public void LinesRoundTripThroughTheWriterAndReader()
    {
        StringWriter text = new();
        using (CaptureWriter writer = new(text))
        {
            writer.Write(new CaptureLine(1767225600123, "aq/v1/dev/0011223344556677/obs", new byte[] { 0x41, 0x51, 0, 255 }, "confidential", "dev-0000#1"));
            writer.Write(new CaptureLine(1767225600456, "aq/v1/dev/0011223344556677/obs", Array.Empty<byte>(), "open", "attacker \"x\""));
        }
        string[] raw = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{\"t\":1767225600123,\"topic\":\"aq/v1/dev/0011223344556677/obs\",\"frame\":\"QVEA/w==\",\"path\":\"confidential\",\"conn\":\"dev-0000#1\"}", raw[0]);
        List<CaptureLine> back = CaptureReader.Read(new StringReader(text.ToString())).ToList();
        Assert.Equal(2, back.Count);
        Assert.Equal(new byte[] { 0x41, 0x51, 0, 255 }, back[0].Frame);
        Assert.Equal("attacker \"x\"", back[1].Connection);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"t\":1,\"topic\":\"x\",\"frame\":\"AA==\",\"path\":\"wifi\",\"conn\":\"c\"}")]
    [InlineData("{\"t\":1,\"topic\":\"x\",\"frame\":\"%%%\",\"path\":\"open\",\"conn\":\"c\"}")]
    [InlineData("{\"topic\":\"x\",\"frame\":\"AA==\",\"path\":\"open\",\"conn\":\"c\"}")]
    public void ABadLineIsRefusedWithItsNumber(string bad)
    {
        FormatException refusal = Assert.Throws<FormatException>(() =>
            CaptureReader.Read(new StringReader("{\"t\":1,\"topic\":\"x\",\"frame\":\"AA==\",\"path\":\"open\",\"conn\":\"c\"}\n" + bad)).ToList());
        Assert.StartsWith("capture line 2:", refusal.Message);
    }

    [Fact]
    public void AReplayHandsTheInterceptorWhatTheBrokerHandedItDuringTheRun()
    {
        CapturedRun run = CapturedRun.Of("eavesdropper", new Scenarios.RunOptions { DurationMinutes = 4 });
        Recorder offline = new();
        (long forwarded, long refused) = CaptureReplay.Into(offline, run.Lines);
        Assert.Equal(run.Lines.Count, forwarded);
        Assert.Equal(0, refused);
        Assert.Equal(run.Lines.Select(l => (l.Topic, Convert.ToBase64String(l.Frame), l.Connection)),
            offline.Seen.Select(p => (p.Topic, Convert.ToBase64String(p.Payload), p.ConnectionLabel)));
        Assert.All(offline.Seen, p => Assert.Equal(LinkPath.Open, p.Path));
        Assert.Contains(offline.Seen, p => p.ConnectionLabel.StartsWith("attacker-eavesdropper"));
    }

    private sealed class Recorder : IPublishInterceptor
    {
        public List<InterceptedPublish> Seen { get; } = new();

        public PublishDecision Intercept(InterceptedPublish publish)
        {
            Seen.Add(publish);
            return PublishDecision.Forward;
        }
    }
}
