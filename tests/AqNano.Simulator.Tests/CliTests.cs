using System.CommandLine;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Cli;

namespace AqNano.Simulator.Tests;

/// <summary>aqnano-sim's command line, invoked in-process.</summary>
public sealed class CliTests
{
    private static int Invoke(params string[] args) => SimulatorCommand.Build().Parse(args).Invoke();

    [Fact]
    public void AVirtualRunWritesACaptureOfEveryFrameWithItsConnection()
    {
        string file = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, Invoke("--scenario", "clone-open", "--virtual", "--duration", "7", "--capture", file));
            List<CaptureLine> lines = CaptureReader.Read(new StringReader(File.ReadAllText(file))).ToList();
            Assert.True(lines.Count > 100);
            Assert.Contains(lines, l => l.Connection.StartsWith("clone-dev-0000#"));
            Assert.All(lines, l => Assert.Equal("open", l.Path));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--scenario", "no-such-scenario", "--virtual")]
    [InlineData("--broker", "http://127.0.0.1:1883")]
    [InlineData("--virtual", "--devices", "-3")]
    [InlineData("--virtual", "--broker", "mqtt://127.0.0.1:1883")]
    public void BadInputIsRefusedWithANonZeroExitCode(params string[] args) => Assert.NotEqual(0, Invoke(args));

    [Fact]
    public void AnUnreachableBrokerExitsWithCodeTwo() =>
        Assert.Equal(2, Invoke("--scenario", "demo-mix", "--broker", $"mqtt://127.0.0.1:{LoopbackBroker.FreePort()}", "--duration", "0.05"));

    [Fact]
    public async Task TheDemoMixRunsAgainstARealBroker()
    {
        await using LoopbackBroker broker = await LoopbackBroker.StartAsync();
        Assert.Equal(0, Invoke("--scenario", "demo-mix", "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--duration", "0.12"));
        Frame frame = new();
        HashSet<ulong> geneses = broker.Published
            .Where(p => p.Topic.EndsWith(Topics.ObservationSuffix) && FrameCodec.TryParse(p.Payload, 0, p.Payload.Length, frame, out _) && frame.Kind == FrameKind.Genesis)
            .Select(_ => frame.DeviceId).ToHashSet();
        Assert.Equal(6, geneses.Count);
    }
}
