using System.CommandLine;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Cli;

/// <summary>`aqnano demo` with the real simulator as its own process (issue 6 acceptance: decisions
/// on the terminal within 10 seconds; Ctrl+C stops both; a clear message when the simulator cannot start).</summary>
public sealed class DemoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-demo-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string[] Arguments(string simulator) =>
    [
        "demo", "--simulator", simulator, "--ledger", Path.Combine(_folder, "ledger.db"),
        "--port", FreePort.Next().ToString(), "--tls-port", FreePort.Next().ToString(), "--dashboard-port", FreePort.Next().ToString(),
    ];

    [Fact]
    public async Task The_demo_prints_the_first_decisions_within_ten_seconds_and_stops_on_cancel()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        string simulator = RepositoryFiles.Path($"simulator/AqNano.Simulator.Cli/bin/{configuration}/net10.0/aqnano-sim.dll");
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = AqNanoCli.Create().Parse(Arguments(simulator)).InvokeAsync(new InvocationConfiguration { Output = synchronized, Error = synchronized }, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !output.ToString().Contains("AdmitRestricted")) await Task.Delay(100);
        string seen = output.ToString();
        stop.Cancel();
        int code = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("Genesis", seen);
        Assert.Contains("AdmitRestricted", seen);
        Assert.Contains("[sim]", seen);
        Assert.Equal(0, code);
        Assert.Contains("aqnano: stopping", output.ToString());
    }

    [Fact]
    public async Task With_confidential_the_boards_pin_the_local_ca_over_tls_and_are_judged()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        string simulator = RepositoryFiles.Path($"simulator/AqNano.Simulator.Cli/bin/{configuration}/net10.0/aqnano-sim.dll");
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = AqNanoCli.Create().Parse([.. Arguments(simulator), "--confidential"])
            .InvokeAsync(new InvocationConfiguration { Output = synchronized, Error = synchronized }, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !output.ToString().Contains("AdmitRestricted")) await Task.Delay(100);
        string seen = output.ToString();
        stop.Cancel();
        int code = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Matches(@"starting the simulator: --broker mqtts://127\.0\.0\.1:\d+ --ca \S+aqnano-ca\.crt", seen);
        Assert.Contains("AdmitRestricted", seen); // judged: the boards' TLS connections, pinned to the local CA, came up
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Confidential_without_the_tls_listener_is_refused()
    {
        var output = new StringWriter();
        string[] arguments = ["demo", "--simulator", Path.Combine(_folder, "unused.dll"), "--ledger", Path.Combine(_folder, "ledger.db"),
            "--port", FreePort.Next().ToString(), "--tls-port", "0", "--dashboard-port", FreePort.Next().ToString(), "--confidential"];
        int code = await AqNanoCli.Create().Parse(arguments)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(2, code);
        Assert.Contains("aqnano demo: --confidential needs the TLS listener", output.ToString());
    }

    [Fact]
    public async Task A_simulator_that_cannot_be_started_is_named()
    {
        string missing = Path.Combine(_folder, "no-such-sim.dll");
        var output = new StringWriter();
        int code = await AqNanoCli.Create().Parse(Arguments(missing)).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(3, code);
        Assert.Contains($"aqnano demo: file not found: {missing}", output.ToString());
    }
}
