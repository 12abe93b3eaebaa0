using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;

namespace AqNano.Verifier.Tests;

/// <summary>Offline replay (issue 5, item 7), and frames of an independent v1 implementation: the reference
/// vectors (tests/vectors) turned into a capture must verify, and the verifier's own Decision after seq 5
/// must equal the reference Decision byte for byte.</summary>
public class ReplayTests
{
    private static JsonElement Vectors() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "aqnano-v1-reference.json"))).RootElement;

    private static string CaptureOfReferenceVectors(JsonElement v, out long decisionUnixMs)
    {
        byte[] decision = Convert.FromHexString(v.GetProperty("decision").GetProperty("frame").GetString()!);
        decisionUnixMs = (long)(BitConverter.ToUInt64(decision, 24) / 1000);
        var chain = v.GetProperty("chain").EnumerateArray().ToList();
        long lastUptimeUs = chain[^1].GetProperty("uptimeUs").GetInt64();
        var lines = new List<string>();
        foreach (JsonElement link in chain)
        {
            // Wall time follows uptime (ms resolution), so that the seq 5 frame arrives exactly at the Decision's time.
            long t = decisionUnixMs - (lastUptimeUs - link.GetProperty("uptimeUs").GetInt64()) / 1000;
            lines.Add(Line(t, v.GetProperty("obsTopic").GetString()!, link.GetProperty("frame").GetString()!, "confidential"));
        }
        JsonElement witness = v.GetProperty("witness");
        ulong gateway = BitConverter.ToUInt64(Convert.FromHexString(witness.GetProperty("gatewayId").GetString()!));
        lines.Add(Line(decisionUnixMs + 1, Topics.Observation(gateway), witness.GetProperty("frame").GetString()!, null));
        lines.Add(Line(decisionUnixMs + 2, v.GetProperty("obsTopic").GetString()!, v.GetProperty("decision").GetProperty("frame").GetString()!, null));
        return string.Join("\n", lines);
    }

    private static string Line(long t, string topic, string frameHex, string? path) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["t"] = t, ["topic"] = topic, ["frame"] = Convert.ToBase64String(Convert.FromHexString(frameHex)), ["path"] = path, ["conn"] = "vectors",
        }.Where(p => p.Value != null).ToDictionary());

    [Fact]
    public void ReferenceVectorsVerifyAndTheDecisionMatchesTheReferenceByteForByte()
    {
        JsonElement v = Vectors();
        string capture = CaptureOfReferenceVectors(v, out _);
        var output = new StringWriter();
        var errors = new StringWriter();
        ReplaySummary summary = new CaptureReplayer(new VerifierPolicy(), new InMemoryLedger()).Run(new StringReader(capture), output, errors);
        Assert.Equal(8, summary.Judged);
        Assert.Equal(0, summary.BadLines);
        Assert.Equal("", errors.ToString());
        var judged = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["genesis", "next", "next", "next", "next", "next", "witness", "malformed"], judged.Select(j => j.GetProperty("verdict").GetString()));
        Assert.All(judged.Take(6), j => Assert.Equal(v.GetProperty("deviceIdHex").GetString(), j.GetProperty("device").GetString()));
        Assert.All(judged.Take(6), j => Assert.Equal(v.GetProperty("epoch").GetString(), j.GetProperty("epoch").GetString()));
        Assert.Equal("AdmitRestricted", judged[5].GetProperty("mode").GetString());
        Assert.Equal(v.GetProperty("decision").GetProperty("frame").GetString(), judged[5].GetProperty("decision").GetString());
        Assert.Equal(Reasons.UnregisteredWitness, judged[6].GetProperty("reason").GetByte());
        Assert.Equal(Reasons.NotAChainFrame, judged[7].GetProperty("reason").GetByte());
    }

    [Fact]
    public void BadLinesAreReportedWithTheirNumberAndTheRunContinues()
    {
        JsonElement v = Vectors();
        string[] good = CaptureOfReferenceVectors(v, out _).Split('\n');
        string capture = string.Join("\n",
            good[0], "not json", "{\"t\": 1}", "{\"t\": 1, \"topic\": \"x\", \"frame\": \"@@@\"}",
            "{\"t\": 1, \"topic\": \"x\", \"frame\": \"AA==\", \"path\": \"tls\"}", "[1,2]", "", good[1]);
        var output = new StringWriter();
        var errors = new StringWriter();
        ReplaySummary summary = new CaptureReplayer(new VerifierPolicy(), new InMemoryLedger()).Run(new StringReader(capture), output, errors);
        Assert.Equal(2, summary.Judged);
        Assert.Equal(5, summary.BadLines);
        var reported = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt32());
        Assert.Equal([2, 3, 4, 5, 6], reported);
        Assert.Contains("\"verdict\":\"next\"", output.ToString());
    }

    [Fact]
    public void TheReplayClockFollowsTheCaptureSoTimeRulesApply()
    {
        var device = TestDevice.Create(140);
        var lines = new List<string> { Line(Harness.Start, device.Topic, Convert.ToHexString(device.Genesis()), null) };
        for (int i = 1; i <= 12; i++) lines.Add(Line(Harness.Start + i * 5000L, device.Topic, Convert.ToHexString(device.Next()), null));
        var output = new StringWriter();
        new CaptureReplayer(new VerifierPolicy(), new InMemoryLedger()).Run(new StringReader(string.Join("\n", lines)), output, TextWriter.Null);
        string last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Equal("AdmitFull", JsonDocument.Parse(last).RootElement.GetProperty("mode").GetString());
    }
}
