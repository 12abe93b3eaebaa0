using AqNano.Protocol;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>The methods behind `aqnano lineage verify|export` and `aqnano report`, on a real file
/// that a live writer keeps open.</summary>
public sealed class LineageCommandsTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private readonly SqliteLedger live;
    private string LedgerFile => folder.File("verifier.db");

    public LineageCommandsTests()
    {
        live = new SqliteLedger(LedgerFile);
        using var scenario = ReportScenario.Build();
        live.AppendBatch(scenario.Read().Select(e => new PendingRecord(e.TimeUnixMs, e.Kind, e.DeviceId, e.Frame, e.Detail)).ToList());
    }

    [Fact]
    public void Verify_reads_the_file_beside_a_live_writer()
    {
        var verification = LineageCommands.Verify(LedgerFile);

        Assert.True(verification.Verified);
        Assert.Equal(live.LastSequence, verification.HeadSequence);
        Assert.Equal(live.LastSequence + 1, live.Append(1, "frame", 1, [], "{}").Sequence);
    }

    [Fact]
    public void Export_writes_the_file_and_withholds_in_ring_reveals()
    {
        string output = folder.File("lineage.csv");

        var summary = LineageCommands.Export(LedgerFile, ExportFormat.Csv, output);

        Assert.Equal(live.LastSequence + 1, File.ReadAllLines(output).Length);
        Assert.True(summary.WithheldReveals > 0);
    }

    [Fact]
    public void Report_for_one_device_takes_its_id_as_in_topics()
    {
        string output = folder.File("device.html");

        LineageCommands.Report(LedgerFile, output, Hex.FromWire(ReportScenario.Cloned));

        Assert.Contains($"device {Hex.FromWire(ReportScenario.Cloned)}", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("0102")]
    [InlineData("0807060504030201X")]
    [InlineData("080706050403020G")]
    public void A_malformed_device_id_is_refused_before_anything_is_written(string id)
    {
        string output = folder.File("x.md");
        Assert.Throws<ArgumentException>(() => LineageCommands.Report(LedgerFile, output, id));
        Assert.False(File.Exists(output));
    }

    public void Dispose()
    {
        live.Dispose();
        folder.Dispose();
    }
}
