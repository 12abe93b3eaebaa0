using System.Collections.Concurrent;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.EndToEnd;

/// <summary>aqnano-sim, as its own process, over the embedded broker's TLS listener with its CA pinned
/// (`--broker mqtts://... --ca aqnano-ca.crt`): every frame reaches the verifier on a confidential path
/// (DESIGN.md "Confidential path"); a board pinning another CA never connects.</summary>
public sealed class SimulatorOverTlsTests
{
    [Fact]
    public async Task Simulated_boards_pinning_the_brokers_ca_reach_the_verifier_on_a_confidential_path()
    {
        await using var broker = await BrokerHarness.StartAsync();

        var (code, lines) = await RunSimulatorAsync("--scenario", "honest-fleet", "--devices", "3", "--interval", "0.5", "--duration", "0.15",
            "--broker", $"mqtts://127.0.0.1:{broker.TlsPort}", "--ca", broker.CaFile);

        Assert.True(code == 0, string.Join('\n', lines));
        var received = broker.Verifier.Received.ToArray();
        Assert.NotEmpty(received);
        Assert.All(received, frame => Assert.Equal(PathMode.Confidential, frame.Path));
    }

    [Fact]
    public async Task A_board_pinning_another_ca_never_connects()
    {
        await using var broker = await BrokerHarness.StartAsync();
        await using var other = await BrokerHarness.StartAsync();

        var (code, lines) = await RunSimulatorAsync("--scenario", "honest-fleet", "--devices", "1", "--duration", "0.05",
            "--broker", $"mqtts://127.0.0.1:{broker.TlsPort}", "--ca", other.CaFile);

        Assert.Equal(2, code);
        Assert.Contains(lines, line => line.Contains($"mqtts://127.0.0.1:{broker.TlsPort}"));
        Assert.Empty(broker.Verifier.Received);
    }

    private static async Task<(int Code, string[] Lines)> RunSimulatorAsync(params string[] arguments)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        string simulator = RepositoryFiles.Path($"simulator/AqNano.Simulator.Cli/bin/{configuration}/net10.0/aqnano-sim.dll");
        var lines = new ConcurrentQueue<string>();
        Assert.True(SimulatorLauncher.TryStart(simulator, arguments, lines.Enqueue, out var process, out string error), error);
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process!.WaitForExitAsync(timeout.Token);
            process.WaitForExit(); // drains the redirected output
            return (process.ExitCode, lines.ToArray());
        }
    }
}
