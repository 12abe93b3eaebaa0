using System.Text;
using System.Text.Json;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class LedgerExporterTests
{
    private static (ExportSummary Summary, string[] Lines) Export(ILedger ledger, ExportFormat format, int ringSize = 8)
    {
        using var output = new MemoryStream();
        var summary = LedgerExporter.Export(ledger, format, output, ringSize);
        return (summary, Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<JsonElement> ExportJson(ILedger ledger, int ringSize = 8)
        => Export(ledger, ExportFormat.JsonLines, ringSize).Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void Json_lines_hold_one_record_per_line_with_every_field()
    {
        using var ledger = ExportScenario.Build();
        var records = ExportJson(ledger);
        var original = ledger.Read().ToList();

        Assert.Equal(original.Count, records.Count);
        var policy = records[0];
        Assert.Equal(1, policy.GetProperty("sequence").GetInt64());
        Assert.Equal(1_700_000_000_000, policy.GetProperty("timeUnixMs").GetInt64());
        Assert.Equal("policy", policy.GetProperty("kind").GetString());
        Assert.Equal("0000000000000000", policy.GetProperty("deviceId").GetString());
        Assert.Equal("", policy.GetProperty("frame").GetString());
        Assert.Equal("none", policy.GetProperty("withheld").GetString());
        Assert.Equal(original[0].Detail, policy.GetProperty("detail").GetString());
        Assert.Equal(new string('0', 64), policy.GetProperty("previousHash").GetString());
        Assert.Equal(Convert.ToHexStringLower(original[0].Hash), policy.GetProperty("hash").GetString());
        Assert.Equal("0a00000000000000", records[1].GetProperty("deviceId").GetString());
    }

    [Fact]
    public void The_newest_K_accepted_reveals_of_each_chain_and_anything_newer_are_withheld()
    {
        using var ledger = ExportScenario.Build();
        var records = ExportJson(ledger);

        foreach (var (record, original) in records.Zip(ledger.Read()))
        {
            byte[] frame = Convert.FromBase64String(record.GetProperty("frame").GetString()!);
            string withheld = record.GetProperty("withheld").GetString()!;
            if (RevealLocation.Find(original.Frame, out var link) != RevealLocation.Kind.Located) continue;
            bool expectWithheld = link.DeviceId == ExportScenario.Witness
                || link.Epoch == ExportScenario.CandidateEpoch
                || link.Seq > ExportScenario.NewestAccepted - 8;
            var reveal = frame.AsSpan(link.RevealOffset, 32);
            if (expectWithheld)
            {
                Assert.Equal("reveal", withheld);
                Assert.True(reveal.IndexOfAnyExcept((byte)0) < 0, $"record {original.Sequence}: reveal not zeroed");
                // Only the reveal: commit and tag (and everything else) are exported as recorded.
                Assert.Equal(original.Frame[..link.RevealOffset], frame[..link.RevealOffset]);
                Assert.Equal(original.Frame[(link.RevealOffset + 32)..], frame[(link.RevealOffset + 32)..]);
            }
            else
            {
                Assert.Equal("none", withheld);
                Assert.Equal(original.Frame, frame);
            }
        }
    }

    [Fact]
    public void Exact_seqs_withheld_for_the_device_chain_with_the_default_ring()
    {
        using var ledger = ExportScenario.Build();
        var withheldSeqs = ExportJson(ledger)
            .Where(r => r.GetProperty("withheld").GetString() == "reveal")
            .Select(r => Convert.FromBase64String(r.GetProperty("frame").GetString()!))
            .Where(f => BitConverter.ToUInt64(f, FrameLayout.EpochOffset) == ExportScenario.Epoch)
            .Select(f => BitConverter.ToUInt32(f, FrameLayout.SeqOffset))
            .Order()
            .ToList();

        // seq 13..20 accepted (the ring of 8), the conflict for 19, the gap frame 22; not the stale 5.
        Assert.Equal(new uint[] { 13, 14, 15, 16, 17, 18, 19, 19, 20, 22 }, withheldSeqs);
    }

    [Theory]
    [InlineData(0, 1)]   // no ring: only the gap frame beyond the newest accepted
    [InlineData(2, 4)]   // 19, 20, the conflict 19, the gap 22
    [InlineData(30, 24)] // the whole epoch: 21 accepted, the conflict, the gap, the stale 5
    public void The_ring_size_is_a_parameter(int ringSize, int withheldInEpoch)
    {
        using var ledger = ExportScenario.Build();
        int count = ExportJson(ledger, ringSize)
            .Where(r => r.GetProperty("withheld").GetString() == "reveal")
            .Count(r => BitConverter.ToUInt64(Convert.FromBase64String(r.GetProperty("frame").GetString()!), FrameLayout.EpochOffset) == ExportScenario.Epoch);

        Assert.Equal(withheldInEpoch, count);
    }

    [Fact]
    public void A_frame_of_unknown_layout_is_withheld_whole_and_a_decision_not_at_all()
    {
        using var ledger = ExportScenario.Build();
        var records = ExportJson(ledger);
        var malformed = records.Single(r => r.GetProperty("detail").GetString()!.Contains("malformed"));
        var decision = records.Single(r => r.GetProperty("kind").GetString() == "decision");

        Assert.Equal("frame", malformed.GetProperty("withheld").GetString());
        Assert.Equal(new byte[50], Convert.FromBase64String(malformed.GetProperty("frame").GetString()!));
        Assert.Equal("none", decision.GetProperty("withheld").GetString());
        Assert.Equal(FrameLayout.DecisionSize, Convert.FromBase64String(decision.GetProperty("frame").GetString()!).Length);
    }

    [Fact]
    public void An_auditor_recomputes_every_unredacted_hash_from_the_export_alone()
    {
        using var ledger = ExportScenario.Build();
        var records = ExportJson(ledger);
        string previous = new('0', 64);

        foreach (var record in records)
        {
            Assert.Equal(previous, record.GetProperty("previousHash").GetString());
            previous = record.GetProperty("hash").GetString()!;
            if (record.GetProperty("withheld").GetString() != "none") continue;
            byte[] recomputed = LedgerHashing.ComputeHash(
                Convert.FromHexString(record.GetProperty("previousHash").GetString()!),
                record.GetProperty("sequence").GetInt64(),
                record.GetProperty("timeUnixMs").GetInt64(),
                record.GetProperty("kind").GetString()!,
                BitConverter.ToUInt64(Convert.FromHexString(record.GetProperty("deviceId").GetString()!)),
                Convert.FromBase64String(record.GetProperty("frame").GetString()!),
                record.GetProperty("detail").GetString()!);
            Assert.Equal(previous, Convert.ToHexStringLower(recomputed));
        }
    }

    [Fact]
    public void Csv_has_a_header_and_one_quoted_line_per_record_that_reads_back()
    {
        using var ledger = ExportScenario.Build();
        var (summary, lines) = Export(ledger, ExportFormat.Csv);
        var json = ExportJson(ledger);

        Assert.Equal("sequence,timeUnixMs,kind,deviceId,frame,withheld,detail,previousHash,hash", lines[0]);
        Assert.Equal(summary.Records + 1, lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = CsvLine.Parse(lines[i]);
            var expected = json[i - 1];
            Assert.Equal(9, fields.Count);
            Assert.Equal(expected.GetProperty("sequence").GetInt64().ToString(), fields[0]);
            Assert.Equal(expected.GetProperty("frame").GetString(), fields[4]);
            Assert.Equal(expected.GetProperty("withheld").GetString(), fields[5]);
            Assert.Equal(expected.GetProperty("detail").GetString(), fields[6]);
            Assert.Equal(expected.GetProperty("hash").GetString(), fields[8]);
        }
    }

    [Fact]
    public void The_summary_counts_what_was_withheld_and_the_file_export_matches_the_stream()
    {
        using var ledger = ExportScenario.Build();
        using var folder = new TemporaryDirectory();
        string file = folder.File("out.jsonl");

        var summary = LedgerExporter.ExportToFile(ledger, ExportFormat.JsonLines, file);

        Assert.Equal(ledger.Count, summary.Records);
        Assert.Equal(ledger.Count, summary.HeadSequence);
        Assert.Equal(12, summary.WithheldReveals); // 10 of the device's epoch, 1 candidate epoch, 1 witness
        Assert.Equal(1, summary.WithheldFrames);
        Assert.Equal(Export(ledger, ExportFormat.JsonLines).Lines, File.ReadAllLines(file));
    }
}
