using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Reports;

namespace AqNano.Lineage.Tests;

public sealed class StateAwarenessReportTests
{
    private static readonly string ClonedHex = Hex.FromWire(ReportScenario.Cloned);

    [Fact]
    public void A_device_report_shows_identity_standing_history_incidents_and_refusals()
    {
        using var ledger = ReportScenario.Build();
        string report = StateAwarenessReport.Markdown(ledger, ReportScenario.Cloned);

        Assert.Contains($"# AqNano state-awareness report: device {ClonedHex}", report);
        Assert.Contains($"| Epochs seen (first seen first) | {Hex.FromWire(ReportScenario.Epoch)}, {Hex.FromWire(ReportScenario.ImpostorEpoch)} |", report);
        Assert.Contains("Mode Refused, reason 8 CloneEvidence, granted Observe", report);
        Assert.Contains("| AdmitRestricted | 1 NewDevice | Observe+Telemetry |", report);
        Assert.Contains("| AdmitFull | 0 None | Observe+Telemetry+Config+Actuate+Update |", report);
        Assert.Contains("| grant | Observe+Telemetry to Observe+Telemetry+Config+Actuate+Update | continuity deep |", report);
        Assert.Contains("| operator | revoke | unit sent to lab (operator alice) |", report);
        Assert.Contains("Incidents: 1 (clone 1).", report);
        Assert.Contains("second valid frame for seq 12 on a confidential path", report);
        Assert.Contains("| refusal | stale: StaleFrame | 2 |", report);
        Assert.Contains("| refusal | broken: BrokenLink | 1 |", report);
        Assert.Contains("| refusal | genesis: EpochReplayed | 1 |", report);
        Assert.Contains("| replays | duplicate, stale or replayed epoch | 3 |", report);
        Assert.Contains("| frame | conflict | 1 |", report);
        Assert.Contains("| Accepted frames | 13 |", report);
        Assert.DoesNotContain(Hex.FromWire(ReportScenario.Honest), report);
    }

    [Fact]
    public void A_fleet_report_lists_every_device_the_policy_and_fleet_wide_records()
    {
        using var ledger = ReportScenario.Build();
        string report = StateAwarenessReport.Markdown(ledger);

        Assert.Contains("# AqNano state-awareness report: fleet", report);
        Assert.Contains("2 devices: AdmitFull 1, Refused 1.", report);
        Assert.Contains($"| {ClonedHex} | 2 | Refused | CloneEvidence | Observe | 1 | 4 | 3 |", report);
        Assert.Contains($"| {Hex.FromWire(ReportScenario.Honest)} | 1 | AdmitFull | None | Observe+Telemetry+Config+Actuate+Update | 0 | 0 | 0 |", report);
        Assert.Contains("| 5ca1ab1e | policy.json |", report);
        Assert.Contains("fleet-wide test incident", report);
        Assert.Contains("| malformed: MalformedFrame | 1 |", report);
        Assert.Contains("| conn-7 | 40 |", report);
        Assert.Contains("| conn-8 | 2 |", report);
        Assert.Contains("Incidents 2, refusals 5 recorded and 42 counted beyond budget.", report);
    }

    [Fact]
    public void Every_report_maps_its_content_to_NIST_IR_8425_and_CRA_article_14()
    {
        using var ledger = ReportScenario.Build();
        string report = StateAwarenessReport.Markdown(ledger);

        Assert.Contains("## What this report evidences", report);
        Assert.Contains("| Report part | NIST IR 8425 | EU CRA Article 14 |", report);
        Assert.Contains("Cybersecurity state awareness", report);
        Assert.Contains("14(3)", report);
    }

    [Fact]
    public void No_report_shows_any_frame_bytes_or_reveal()
    {
        using var ledger = ReportScenario.Build();
        string[] reports =
        [
            StateAwarenessReport.Markdown(ledger), StateAwarenessReport.Html(ledger),
            StateAwarenessReport.Markdown(ledger, ReportScenario.Cloned), StateAwarenessReport.Html(ledger, ReportScenario.Cloned),
        ];

        foreach (var entry in ledger.Read().Where(e => RevealLocation.Find(e.Frame, out _) == RevealLocation.Kind.Located))
        {
            RevealLocation.Find(entry.Frame, out var link);
            string revealHex = Convert.ToHexStringLower(entry.Frame, link.RevealOffset, 32);
            string revealBase64 = Convert.ToBase64String(entry.Frame, link.RevealOffset, 32);
            string frameBase64Start = Convert.ToBase64String(entry.Frame)[..40];
            foreach (var report in reports)
            {
                if (entry.Frame[link.RevealOffset] != 0) Assert.DoesNotContain(revealHex, report, StringComparison.OrdinalIgnoreCase);
                if (entry.Frame[link.RevealOffset] != 0) Assert.DoesNotContain(revealBase64, report);
                Assert.DoesNotContain(frameBase64Start, report);
            }
        }
    }

    [Fact]
    public void Html_encodes_ledger_text_and_markdown_keeps_table_cells_intact()
    {
        using var ledger = ReportScenario.Build();

        string html = StateAwarenessReport.Html(ledger, ReportScenario.Cloned);
        string markdown = StateAwarenessReport.Markdown(ledger, ReportScenario.Cloned);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("clone evidence &lt;script&gt;alert(1)&lt;/script&gt; | quarantined", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("clone evidence &lt;script&gt;alert(1)&lt;/script&gt; \\| quarantined", markdown);
        Assert.DoesNotContain("<script>", markdown);
    }

    [Fact]
    public void A_tampered_ledger_is_flagged_at_the_bad_record()
    {
        using var folder = new TemporaryDirectory();
        string file = folder.File("ledger.db");
        using (var source = ReportScenario.Build())
        using (var ledger = new SqliteLedger(file))
        {
            ledger.AppendBatch(source.Read().Select(e => new PendingRecord(e.TimeUnixMs, e.Kind, e.DeviceId, e.Frame, e.Detail)).ToList());
        }
        RawSql.AlterOneByte(file, 20, "detail");

        using var tampered = new SqliteLedger(file, new SqliteLedgerOptions { ReadOnly = true });
        string report = StateAwarenessReport.Markdown(tampered);

        Assert.Contains("VERIFY FAILS at record 20", report);
    }

    [Fact]
    public void An_intact_ledger_states_its_verified_head()
    {
        using var ledger = ReportScenario.Build();
        string head = Convert.ToHexStringLower(ledger.Read().Last().Hash);

        Assert.Contains($"the hash chain verifies through record {ledger.Count}; head hash {head}", StateAwarenessReport.Markdown(ledger));
    }

    [Fact]
    public void An_unknown_device_gets_a_clear_statement()
    {
        using var ledger = ReportScenario.Build();
        Assert.Contains("The ledger holds no record of device 0900000000000000.", StateAwarenessReport.Markdown(ledger, 9));
    }

    [Fact]
    public void Decision_history_is_bounded_and_says_how_many_it_left_out()
    {
        using var ledger = ReportScenario.Build();
        string report = StateAwarenessReport.Markdown(ledger, ReportScenario.Cloned, new ReportOptions { MaxDecisions = 1 });

        Assert.Contains("3 decisions in 3 changes of standing; the newest 1 are listed.", report);
        Assert.DoesNotContain("| AdmitRestricted | 1 NewDevice |", report);
    }

    [Fact]
    public void Repeated_decisions_collapse_into_changes_of_standing()
    {
        using var ledger = new InMemoryLedger();
        for (int i = 0; i < 5; i++)
        {
            ledger.Append(ReportScenario.T0 + i, "decision", 7, [], "{\"mode\":\"AdmitFull\",\"reason\":0,\"reasonName\":\"None\",\"grantedScope\":31,\"explanation\":\"steady\"}");
        }
        ledger.Append(ReportScenario.T0 + 9, "decision", 7, [], "{\"mode\":\"AdmitMonitored\",\"reason\":6,\"reasonName\":\"AlteredFrame\",\"grantedScope\":3,\"explanation\":\"tag failed\"}");

        string report = StateAwarenessReport.Markdown(ledger, 7);

        Assert.Contains("6 decisions in 2 changes of standing.", report);
        Assert.Contains("| 2026-01-01 00:00:00.000Z | 2026-01-01 00:00:00.004Z | 5 | AdmitFull | 0 None |", report);
        Assert.Contains("| 1 | AdmitMonitored | 6 AlteredFrame | Observe+Telemetry |", report);
        Assert.Contains("Mode AdmitMonitored, reason 6 AlteredFrame, granted Observe+Telemetry", report);
    }

    [Theory]
    [InlineData("report.md", "# AqNano")]
    [InlineData("report.html", "<!DOCTYPE html>")]
    public void WriteToFile_picks_the_format_from_the_extension(string name, string start)
    {
        using var ledger = ReportScenario.Build();
        using var folder = new TemporaryDirectory();

        StateAwarenessReport.WriteToFile(ledger, folder.File(name));

        Assert.StartsWith(start, File.ReadAllText(folder.File(name)));
    }
}
