using System.CommandLine;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Scale.Tests;

/// <summary>`serve --postgres` and worker mode refuse inconsistent arguments and an unreachable database with a
/// clear message and exit code 2, before anything starts.</summary>
public sealed class WorkerArgumentTests
{
    private const string Database = "Host=127.0.0.1;Port=1;Username=aqnano;Password=hunter2;Timeout=3";

    private static async Task<(int Code, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = await AqNanoCli.Create().Parse(["serve", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return (code, errors.ToString());
    }

    [Theory]
    [InlineData("--worker-id needs --postgres", "--worker-id", "w1", "--broker", "mqtt://127.0.0.1:1883")]
    [InlineData("--worker-id needs --broker", "--worker-id", "w1", "--postgres", Database)]
    [InlineData("--partitions needs --worker-id", "--partitions", "8")]
    [InlineData("--shared-group needs --worker-id", "--shared-group", "verifiers")]
    [InlineData("--ledger names a SQLite file", "--postgres", Database, "--ledger", "/tmp/x.db")]
    [InlineData("--worker-id must be 1-64 characters", "--worker-id", "no spaces", "--postgres", Database, "--broker", "mqtt://127.0.0.1:1883")]
    [InlineData("--lease-renew must be positive and at most half", "--worker-id", "w1", "--postgres", Database, "--broker", "mqtt://127.0.0.1:1883", "--lease-renew", "6")]
    [InlineData("--partitions must be 1..4096", "--worker-id", "w1", "--postgres", Database, "--broker", "mqtt://127.0.0.1:1883", "--partitions", "0")]
    [InlineData("--shared-group must be a name", "--worker-id", "w1", "--postgres", Database, "--broker", "mqtt://127.0.0.1:1883", "--shared-group", "a/b")]
    [InlineData("--anchor-every needs --postgres", "--anchor-every", "5")]
    [InlineData("--anchor-every is seconds, from 0.1 to 86400", "--postgres", Database, "--anchor-every", "0")]
    public async Task Inconsistent_worker_arguments_are_refused(string expected, params string[] args)
    {
        var (code, errors) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public async Task An_unreachable_database_is_named_without_its_password_and_nothing_starts()
    {
        int port = FreePort.Next();
        var (code, errors) = await RunAsync("--postgres", Database.Replace("Port=1", $"Port={FreePort.Next()}"),
            "--port", port.ToString(), "--tls-port", "0", "--dashboard-port", FreePort.Next().ToString());
        Assert.Equal(2, code);
        Assert.Contains("aqnano: cannot use PostgreSQL (host 127.0.0.1", errors);
        Assert.DoesNotContain("hunter2", errors);
        using var probe = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => probe.Connect("127.0.0.1", port)); // no broker was started
    }
}
