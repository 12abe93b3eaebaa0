using System.CommandLine;
using System.Diagnostics;
using AqNano.Verifier.App.Hosting;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano demo`: serve, plus the simulator started as its own process against the embedded
/// broker with a mix of scenarios (admitted restricted, deepening to full, a reboot re-linked, a
/// clone caught), decisions printed here and shown on the dashboard. Ctrl+C stops both.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var options = new ServeOptionSet();
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated fleet (same seed, same fleet).", DefaultValueFactory = _ => 1 };
        var scenario = new Option<string>("--scenario") { Description = "Simulator scenario.", DefaultValueFactory = _ => "demo-mix" };
        var simulator = new Option<string?>("--simulator") { Description = "An aqnano-sim executable or .dll (default: dotnet run the repository's simulator)." };
        var confidential = new Option<bool>("--confidential")
        {
            Description = "Boards connect over the TLS listener with the local CA pinned: a confidential path, where a clone is quarantined rather than monitored.",
        };
        var command = new Command("demo", "Serve plus a simulated fleet in real time: watch devices admitted, deepen, reboot and a clone caught.")
        { seed, scenario, simulator, confidential };
        options.AddTo(command);
        command.SetAction((result, stop) => RunAsync(result, options, result.GetValue(seed), result.GetValue(scenario)!, result.GetValue(simulator), result.GetValue(confidential), stop));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, ServeOptionSet set, int seed, string scenario, string? simulator, bool confidential, CancellationToken stop)
    {
        var output = result.InvocationConfiguration.Output;
        var errors = result.InvocationConfiguration.Error;
        string freshLedger = Path.Combine(Directory.CreateTempSubdirectory("aqnano-demo-").FullName, "ledger.db");
        if (!set.TryBuild(result, freshLedger, out var options, out string ledger, out var policy, out string policySource, out string error))
        {
            await errors.WriteLineAsync("aqnano demo: " + error);
            return 2;
        }
        if (options.ExternalBroker != null)
        {
            await errors.WriteLineAsync("aqnano demo: the demo runs its own embedded broker; use `serve --broker` for an external one");
            return 2;
        }
        options = options with
        {
            MqttPort = Defaulted(result, set.Port) ? FreePorts.OrFree(options.Listen, options.MqttPort) : options.MqttPort,
            TlsPort = Defaulted(result, set.TlsPort) ? FreePorts.OrFree(options.Listen, options.TlsPort) : options.TlsPort,
            DashboardPort = Defaulted(result, set.DashboardPort) ? FreePorts.OrFree(options.DashboardListen, options.DashboardPort) : options.DashboardPort,
        };
        if (confidential && (options.TlsPort == 0 || options.TlsCertificatePath != null))
        {
            await errors.WriteLineAsync("aqnano demo: --confidential needs the TLS listener with the local CA the boards pin (a --tls-port, and no --tls-cert of your own)");
            return 2;
        }
        using var logs = ConsoleLogging.Create(result.GetValue(set.JsonLogs), LogLevel.Warning);
        var printer = new DecisionPrinter(output, colour: !Console.IsOutputRedirected);
        return await ServeCommand.RunHostAsync(options, ledger, policy, policySource, logs, output, errors, stop,
            host => StartSimulatorAsync(host, printer, simulator, scenario, seed, confidential, output, errors, stop));
    }

    private static async Task<int?> StartSimulatorAsync(VerifierHost host, DecisionPrinter printer, string? simulator, string scenario, int seed,
        bool confidential, TextWriter output, TextWriter errors, CancellationToken stop)
    {
        host.Fleet.Judged += printer.OnJudged;
        // Confidential: the TLS listener, whose certificate chains to the local CA the host made or loaded (DESIGN.md
        // "Confidential path"); the boards pin that CA.
        string[] transport = confidential
            ? ["--broker", $"mqtts://127.0.0.1:{host.Options.TlsPort}", "--ca", host.CaCertificatePath!]
            : ["--broker", $"mqtt://127.0.0.1:{host.Options.MqttPort}"];
        string[] arguments = [.. transport, "--scenario", scenario, "--seed", seed.ToString()];
        await output.WriteLineAsync($"starting the simulator: {string.Join(' ', arguments)}" + (simulator == null ? " (dotnet run: the first run builds it)" : ""));
        if (!SimulatorLauncher.TryStart(simulator, arguments, line => output.WriteLine("[sim] " + line), out Process? process, out string error))
        {
            await errors.WriteLineAsync("aqnano demo: " + error);
            return 3;
        }
        stop.Register(() => SimulatorLauncher.Stop(process!));
        _ = process!.WaitForExitAsync(CancellationToken.None).ContinueWith(_ =>
        {
            if (!stop.IsCancellationRequested) errors.WriteLine($"aqnano demo: the simulator exited with code {process.ExitCode}; the verifier keeps serving (Ctrl+C stops)");
        }, TaskScheduler.Default);
        return null;
    }

    private static bool Defaulted(ParseResult result, Option option) => result.GetResult(option) is not { Implicit: false };
}
