using System.Text.Json;
using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Replay;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 4 item 6 and issue 5 item 7 together: the capture the simulator writes of a live run replays
/// through the verifier's offline CaptureReplayer, with a fresh verifier under the same policy, to the same
/// judgement of every obs frame as the live run made inline.</summary>
public sealed class CaptureReplayTests
{
    [Theory]
    [InlineData("demo-mix")]
    [InlineData("clone-confidential")]
    [InlineData("mitm-open-witness")]
    [InlineData("tamper")]
    [InlineData("genesis-race")]
    [InlineData("malformed-flood")]
    public void CaptureReplaysToTheSameJudgementsAsTheLiveRun(string scenario)
    {
        var captured = new StringWriter();
        var run = new EndToEndRun(ScenarioCatalogue.Find(scenario), capture: new CaptureWriter(captured));
        run.Execute();
        string[] lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(run.Judged.Count > 50);

        var replayed = new StringWriter();
        var errors = new StringWriter();
        ReplaySummary summary = new CaptureReplayer(run.Policy, new InMemoryLedger()).Run(new StringReader(captured.ToString()), replayed, errors);
        Assert.Equal("", errors.ToString());
        Assert.Equal(lines.Length, summary.Judged);
        string[] outputs = replayed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, outputs.Length);

        // One output per capture line, in order; the live run judged the obs lines among them (app traffic and
        // client publishes on decision topics are the broker's business, not the verifier's).
        List<string> obsOutputs = lines.Zip(outputs).Where(pair => IsObservation(pair.First)).Select(pair => pair.Second).ToList();
        Assert.Equal(run.Judged.Count, obsOutputs.Count);
        for (int i = 0; i < obsOutputs.Count; i++)
        {
            string live = CaptureReplayer.Format(run.Judged[i].Judgement);
            Assert.True(Key(live) == Key(obsOutputs[i]), $"frame #{i}: live {live}\nreplay {obsOutputs[i]}");
        }
    }

    private static bool IsObservation(string captureLine)
    {
        using JsonDocument line = JsonDocument.Parse(captureLine);
        return Topics.Classify(line.RootElement.GetProperty("topic").GetString()!, out _) == TopicKind.Observation;
    }

    /// <summary>What the verifier decided about the frame: device, epoch, seq, verdict, mode, reason, granted scope.</summary>
    private static string Key(string judgementLine)
    {
        using JsonDocument document = JsonDocument.Parse(judgementLine);
        JsonElement j = document.RootElement;
        return string.Join(' ', new[] { "device", "epoch", "seq", "verdict", "mode", "reason", "grantedScope" }.Select(name => j.GetProperty(name).ToString()));
    }
}
