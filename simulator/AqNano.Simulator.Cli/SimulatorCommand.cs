using System.CommandLine;

namespace AqNano.Simulator.Cli;

/// <summary>The options of aqnano-sim (issue 4 item 5) and their parsing; the run itself is
/// <see cref="SimulationRunner"/>'s.</summary>
public static class SimulatorCommand
{
    public static RootCommand Build()
    {
        Option<string> scenario = new("--scenario") { Description = "A built-in scenario name, or a scenario JSON file", DefaultValueFactory = _ => "honest-fleet" };
        Option<int?> devices = new("--devices") { Description = "Number of devices (overrides the scenario's)" };
        Option<double?> interval = new("--interval") { Description = "Seconds between a device's events (overrides the scenario's)" };
        Option<double?> duration = new("--duration") { Description = "Minutes to run (overrides the scenario's)" };
        Option<ulong?> seed = new("--seed") { Description = "Seed of every random draw (overrides the scenario's)" };
        Option<string?> broker = new("--broker") { Description = "mqtt://host:port (an open path) or mqtts://host:port (confidential, with --ca) of a real broker; without it, the in-memory link" };
        Option<string?> ca = new("--ca") { Description = "The broker's CA certificate (PEM or DER) that boards pin for mqtts://; aqnano serve keeps it as aqnano-ca.crt in its TLS folder" };
        Option<bool> virtualTime = new("--virtual") { Description = "Virtual time: as fast as the CPU allows (in-memory link only)" };
        Option<string?> capture = new("--capture") { Description = "Write every frame sent as one JSON line to this file" };
        Option<bool> list = new("--list") { Description = "List the built-in scenarios and exit" };

        RootCommand root = new("aqnano-sim: simulated AqNano boards running the firmware's Core, with fleets, networks and attacks")
        {
            scenario, devices, interval, duration, seed, broker, ca, virtualTime, capture, list,
        };
        root.Validators.Add(result =>
        {
            if (result.GetValue(devices) is int n && n < 0) result.AddError("--devices must not be negative");
            if (result.GetValue(interval) is double i && i < 0.1) result.AddError("--interval must be at least 0.1 s");
            if (result.GetValue(duration) is double d && d <= 0) result.AddError("--duration must be positive");
            if (result.GetValue(virtualTime) && result.GetValue(broker) != null) result.AddError("--virtual runs on the in-memory link only: a real broker runs in real time");
        });
        root.SetAction((result, cancellation) => Task.FromResult(SimulationRunner.Run(new SimulatorOptions(
            result.GetValue(scenario)!,
            result.GetValue(devices),
            result.GetValue(interval),
            result.GetValue(duration),
            result.GetValue(seed),
            result.GetValue(broker),
            result.GetValue(virtualTime),
            result.GetValue(capture),
            result.GetValue(list),
            result.GetValue(ca)), cancellation)));
        return root;
    }
}
