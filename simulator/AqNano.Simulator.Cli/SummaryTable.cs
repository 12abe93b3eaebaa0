using AqNano.Simulator.Capture;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using Spectre.Console;

namespace AqNano.Simulator.Cli;

/// <summary>The end-of-run summary (issue 4 item 5): frames per board kind, outages, reboots, what
/// each attack did, and the run's speed.</summary>
public static class SummaryTable
{
    public static void Print(IAnsiConsole console, ScenarioRun run, ScenarioReport report, InMemoryBroker? broker, CaptureWriter? capture)
    {
        Table boards = new Table().Title("frames sent").AddColumns("board", "boards", "frames acknowledged");
        foreach ((string kind, int count) in report.BoardsByKind.OrderBy(k => k.Key))
        {
            boards.AddRow(kind, count.ToString(), report.FramesByKind.GetValueOrDefault(kind).ToString());
        }
        if (run.Gateways.Count > 0) boards.AddRow("gateways (witnesses)", run.Gateways.Count.ToString(), report.GatewayFrames.ToString());
        if (run.ExtraBoards.Count > 0) boards.AddRow("attacker boards (clones, Sybils)", run.ExtraBoards.Count.ToString(), report.AttackerBoardFrames.ToString());
        console.Write(boards);

        Table attacks = new Table().Title("attacks").AddColumns("attack", "actions", "what it did");
        foreach ((string kind, long actions, IReadOnlyList<string> notes) in report.AttackResults)
        {
            attacks.AddRow(Markup.Escape(kind), actions.ToString(), Markup.Escape(notes.Count == 0 ? "-" : string.Join("; ", notes.Take(3)) + (notes.Count > 3 ? $"; ... ({notes.Count} notes)" : "")));
        }
        if (report.AttackResults.Count > 0) console.Write(attacks);

        double simulatedHours = report.SimulatedTime.TotalHours;
        double wallSeconds = Math.Max(report.WallTime.TotalSeconds, 1e-9);
        Table totals = new Table().Title("run").AddColumns("", "");
        totals.AddRow("outages", report.Outages.ToString());
        totals.AddRow("reboots", report.Reboots.ToString());
        totals.AddRow("obs frames acknowledged (devices)", run.Devices.Sum(d => d.ObservationsAcknowledged).ToString());
        totals.AddRow("simulated time", report.SimulatedTime.ToString(@"d\.hh\:mm\:ss"));
        totals.AddRow("wall time", report.WallTime.ToString(@"hh\:mm\:ss\.fff"));
        totals.AddRow("events run", report.EventsRun.ToString());
        totals.AddRow("device frames / wall second", (report.TotalDeviceFrames / wallSeconds).ToString("F0"));
        totals.AddRow("device-hours / wall second", (simulatedHours * report.Devices / wallSeconds).ToString("F1"));
        if (broker != null) totals.AddRow("broker: forwarded / refused", $"{broker.ForwardedCount} / {broker.RefusedCount}");
        if (capture != null) totals.AddRow("capture lines", capture.LineCount.ToString());
        console.Write(totals);
    }
}
