using AqNano.Simulator.Capture;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;
using Spectre.Console;

namespace AqNano.Simulator.Cli;

/// <summary>Builds the run the options describe, runs it in slices so that the display can follow,
/// prints one line per notable event and the summary at the end. Exit codes: 0 done, 1 refused input,
/// 2 broker unreachable, 130 interrupted (after printing what ran).</summary>
public static class SimulationRunner
{
    public static int Run(SimulatorOptions options, CancellationToken cancellation)
    {
        IAnsiConsole console = AnsiConsole.Console;
        // One event, one line, also through a pipe (the verifier's demo reads them): no wrapping at 80.
        if (Console.IsOutputRedirected) console.Profile.Width = 400;
        if (options.List)
        {
            foreach (ScenarioDefinition s in ScenarioCatalogue.BuiltIn()) console.MarkupLineInterpolated($"[bold]{s.Name}[/]  {s.Description}");
            return 0;
        }
        ScenarioDefinition definition;
        try
        {
            definition = ScenarioCatalogue.Find(options.Scenario);
        }
        catch (ScenarioException refusal)
        {
            console.MarkupLineInterpolated($"[red]refused:[/] {refusal.Message}");
            return 1;
        }

        ISimulationScheduler scheduler = options.Virtual ? new VirtualScheduler() : new RealTimeScheduler();
        ulong seed = options.Seed ?? definition.Seed;
        using CaptureWriter? capture = options.CaptureFile == null ? null : CaptureWriter.ToFile(options.CaptureFile);
        InMemoryBroker? broker = null;
        IUplinkFactory uplinks;
        if (options.Broker != null)
        {
            if (!BrokerEndpoint.TryParse(options.Broker, options.CaFile, out BrokerEndpoint endpoint, out string error))
            {
                console.MarkupLineInterpolated($"[red]refused:[/] {error}");
                return 1;
            }
            if (definition.Path == "confidential" && !endpoint.Tls) console.MarkupLine("[yellow]note:[/] plain mqtt:// is an open path; the scenario's confidential path is not what the broker sees (mqtts:// with --ca is)");
            if (definition.Path == "open" && endpoint.Tls) console.MarkupLine("[yellow]note:[/] mqtts:// is a confidential path; the scenario's open path is not what the broker sees");
            var mqtt = new MqttUplinkFactory(endpoint, scheduler, seed);
            try
            {
                mqtt.Probe($"aqnano-sim-probe-{seed:x}");
            }
            catch (MqttTransportException refusal)
            {
                console.MarkupLineInterpolated($"[red]broker unreachable:[/] {refusal.Message}");
                return 2;
            }
            uplinks = mqtt;
            if (capture != null) uplinks = new CapturingUplinkFactory(uplinks, capture, scheduler, mqtt.PathOf);
        }
        else
        {
            broker = new InMemoryBroker(scheduler, seed);
            uplinks = new InMemoryUplinkFactory(broker);
            if (capture != null) BrokerCapture.Attach(broker, capture);
        }

        ScenarioRun run;
        try
        {
            run = new ScenarioRun(definition, new RunOptions
            {
                Scheduler = scheduler,
                Uplinks = uplinks,
                Broker = broker,
                Devices = options.Devices,
                IntervalSeconds = options.IntervalSeconds,
                DurationMinutes = options.DurationMinutes,
                Seed = options.Seed,
            });
        }
        catch (ScenarioException refusal)
        {
            console.MarkupLineInterpolated($"[red]refused:[/] {refusal.Message}");
            return 1;
        }
        console.MarkupLineInterpolated($"aqnano-sim: scenario [bold]{definition.Name}[/], {run.DeviceCount} devices, every {run.IntervalSeconds} s, {run.Duration.TotalMinutes} min, seed {run.Seed}, {(options.Broker ?? "in-memory link")}, {(scheduler.IsVirtual ? "virtual" : "real")} time");
        foreach (string skipped in run.Skipped) console.MarkupLineInterpolated($"[yellow]skipped:[/] {skipped}");

        RunDisplay display = RunDisplay.For(console, run);
        run.Notable += (timeUs, text) => display.Event(timeUs, text);
        ScenarioReport report;
        try
        {
            report = display.Follow(() => RunInSlices(run, display, cancellation));
        }
        catch (MqttTransportException refusal)
        {
            console.MarkupLineInterpolated($"[red]broker unreachable:[/] {refusal.Message}");
            return 2;
        }
        finally
        {
            foreach (SimulatedBoard board in run.Devices.Concat(run.Gateways).Concat(run.ExtraBoards)) board.PowerOff();
        }
        SummaryTable.Print(console, run, report, broker, capture);
        return cancellation.IsCancellationRequested ? 130 : 0;
    }

    private static ScenarioReport RunInSlices(ScenarioRun run, RunDisplay display, CancellationToken cancellation)
    {
        System.Diagnostics.Stopwatch wall = System.Diagnostics.Stopwatch.StartNew();
        long startUs = run.Scheduler.NowUs;
        long totalUs = (long)(run.Duration.TotalMilliseconds * 1000);
        long sliceUs = run.Scheduler.IsVirtual ? Math.Max(1, totalUs / 200) : 1_000_000;
        long events = 0;
        for (long doneUs = 0; doneUs < totalUs && !cancellation.IsCancellationRequested;)
        {
            doneUs = Math.Min(totalUs, doneUs + sliceUs);
            events += run.Scheduler.RunUntil(startUs + doneUs, cancellation);
            display.Progress((double)doneUs / totalUs, run.Devices.Sum(d => d.TotalAcknowledged));
        }
        return ScenarioReport.FromRun(run, events, wall.Elapsed);
    }
}
