using System.CommandLine;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Tests.Cli;

/// <summary>The `aqnano` verbs refuse bad arguments and files with a clear message and exit code 2,
/// before opening or writing anything.</summary>
public sealed class CliArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static Task<(int Code, string Output, string Errors)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Theory]
    [InlineData("--broker", "http://example:1883", "--broker must look like mqtt://host:port")]
    [InlineData("--broker", "mqtt://user:pw@host:1883", "credentials go in --broker-user")]
    [InlineData("--port", "70000", "--port must be a port number")]
    [InlineData("--listen", "everywhere", "--listen must be an IP address")]
    [InlineData("--max-payload", "100", "the payload limit must be at least 184 bytes")]
    [InlineData("--publish-rate", "0", "the publish rate must be above 0")]
    [InlineData("--publish-burst", "0", "the publish burst must be at least 1")]
    [InlineData("--max-connections", "0", "the connection limit must be at least 1")]
    public async Task Serve_refuses_bad_arguments(string option, string value, string expected)
    {
        var (code, _, errors) = await RunAsync("serve", option, value, "--ledger", Path.Combine(_folder, "l.db"));
        Assert.Equal(2, code);
        Assert.Contains(expected, errors);
        Assert.False(File.Exists(Path.Combine(_folder, "l.db")));
    }

    [Fact]
    public async Task Serve_refuses_client_certificate_trust_it_cannot_use_or_believe()
    {
        using var ca = new AqNano.Verifier.Tests.TestCertificateAuthority("Plant CA");
        using var foreign = new AqNano.Verifier.Tests.TestCertificateAuthority("Foreign CA");
        string issuers = Path.Combine(_folder, "issuers.pem"), foreignCrl = Path.Combine(_folder, "foreign.crl");
        await File.WriteAllTextAsync(issuers, ca.Pem);
        using var device = ca.IssueValid("pump");
        await File.WriteAllBytesAsync(foreignCrl, foreign.RevocationList(device));
        string ledger = Path.Combine(_folder, "l.db");
        (string[] Args, string Expected)[] cases =
        [
            (["--crl", foreignCrl], "--crl needs --client-ca"),
            (["--client-ca", issuers, "--tls-port", "0"], "--client-ca needs the TLS listener"),
            (["--client-ca", issuers, "--broker", "mqtt://127.0.0.1:1883"], "--client-ca needs the embedded broker"),
            (["--client-ca", Path.Combine(_folder, "nope.pem")], "file not found"),
            (["--client-ca", foreignCrl], "no PEM certificate"),
            (["--client-ca", issuers, "--crl", foreignCrl], "is not among the trusted issuers"),
        ];
        foreach (var (args, expected) in cases)
        {
            var (code, _, errors) = await RunAsync(["serve", .. args, "--ledger", ledger]);
            Assert.Equal(2, code);
            Assert.Contains(expected, errors);
            Assert.False(File.Exists(ledger));
        }
    }

    [Fact]
    public void Serve_takes_client_ca_and_crl_into_the_options_it_starts_with()
    {
        using var ca = new AqNano.Verifier.Tests.TestCertificateAuthority("Plant CA");
        using var device = ca.IssueValid("pump");
        string issuers = Path.Combine(_folder, "issuers.pem"), crl = Path.Combine(_folder, "plant.crl");
        File.WriteAllText(issuers, ca.Pem);
        File.WriteAllBytes(crl, ca.RevocationList(device));
        var set = new ServeOptionSet();
        var command = new Command("serve");
        set.AddTo(command);
        ParseResult parsed = command.Parse(["--client-ca", issuers, "--crl", crl, "--ledger", Path.Combine(_folder, "l.db")]);
        Assert.True(set.TryBuild(parsed, null, out var options, out _, out _, out _, out string error), error);
        Assert.Single(options.ClientTrust!.Issuers);
        Assert.Equal(1, options.ClientTrust.RevokedCount);
        Assert.Equal(AqNano.Verifier.Evidence.CertificateStatus.Revoked,
            options.ClientTrust.Evaluate(device).StatusAt(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Serve_names_a_missing_policy_file_and_a_missing_ledger_folder()
    {
        var missingPolicy = await RunAsync("serve", "--policy", Path.Combine(_folder, "nope.json"), "--ledger", Path.Combine(_folder, "l.db"));
        var missingFolder = await RunAsync("serve", "--ledger", Path.Combine(_folder, "no", "such", "l.db"));

        Assert.Equal(2, missingPolicy.Code);
        Assert.Contains($"file not found: {Path.Combine(_folder, "nope.json")}", missingPolicy.Errors);
        Assert.Equal(2, missingFolder.Code);
        Assert.Contains($"folder not found: {Path.Combine(_folder, "no", "such")}", missingFolder.Errors);
        Assert.False(Directory.Exists(Path.Combine(_folder, "no")));
    }

    [Fact]
    public async Task Serve_refuses_a_ledger_that_is_a_folder_or_a_symbolic_link()
    {
        string target = Path.Combine(_folder, "elsewhere.db");
        string link = Path.Combine(_folder, "link.db");
        File.CreateSymbolicLink(link, target);

        var folder = await RunAsync("serve", "--ledger", _folder);
        var symlink = await RunAsync("serve", "--ledger", link);

        Assert.Contains("is a folder, not a file", folder.Errors);
        Assert.Contains("is a symbolic link", symlink.Errors);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Serve_refuses_a_policy_that_is_not_valid_json()
    {
        string policy = Path.Combine(_folder, "policy.json");
        await File.WriteAllTextAsync(policy, "{ not json");
        var (code, _, errors) = await RunAsync("serve", "--policy", policy, "--ledger", Path.Combine(_folder, "l.db"));
        Assert.Equal(2, code);
        Assert.Contains(policy, errors);
    }

    [Fact]
    public async Task Lineage_verify_names_a_missing_ledger()
    {
        string missing = Path.Combine(_folder, "missing.db");
        var (code, _, errors) = await RunAsync("lineage", "verify", "--ledger", missing);
        Assert.Equal(2, code);
        Assert.Contains($"file not found: {missing}", errors);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Lineage_verify_and_export_read_a_ledger_the_verifier_wrote()
    {
        string path = Path.Combine(_folder, "ledger.db");
        using (var ledger = new SqliteLedger(path))
        {
            ledger.Append(1, "policy", 0, [], "{\"sha256\":\"00\"}");
            ledger.Append(2, "operator", 42, [], "{\"action\":\"revoke\"}");
        }
        string exported = Path.Combine(_folder, "out.jsonl");

        var verify = await RunAsync("lineage", "verify", "--ledger", path);
        var export = await RunAsync("lineage", "export", "--ledger", path, "--out", exported);

        Assert.Equal(0, verify.Code);
        Assert.Contains("verified 2 records", verify.Output);
        Assert.Equal(0, export.Code);
        Assert.Equal(2, File.ReadAllLines(exported).Length);
    }

    [Fact]
    public async Task Output_files_refuse_folders_symbolic_links_and_names_without_a_file()
    {
        string ledgerPath = Path.Combine(_folder, "ledger.db");
        using (var ledger = new SqliteLedger(ledgerPath)) ledger.Append(1, "policy", 0, [], "{\"sha256\":\"00\"}");
        string victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "keep");
        string link = Path.Combine(_folder, "out.md");
        File.CreateSymbolicLink(link, victim);
        string traversal = Path.Combine(_folder, "no-such-folder", "..", "..", "elsewhere", "out.md");

        var throughLink = await RunAsync("report", "--ledger", ledgerPath, "--out", link);
        var exportLink = await RunAsync("lineage", "export", "--ledger", ledgerPath, "--out", link);
        var intoFolder = await RunAsync("report", "--ledger", ledgerPath, "--out", _folder + "/");
        var dotDot = await RunAsync("lineage", "export", "--ledger", ledgerPath, "--out", traversal);

        Assert.Equal(2, throughLink.Code);
        Assert.Contains("is a symbolic link", throughLink.Errors);
        Assert.Equal(2, exportLink.Code);
        Assert.Equal(2, intoFolder.Code);
        Assert.Contains("names no file", intoFolder.Errors);
        Assert.Equal(2, dotDot.Code);
        Assert.Contains($"folder not found: {Path.GetFullPath(Path.Combine(_folder, "..", "elsewhere"))}", dotDot.Errors);
        Assert.Equal("keep", File.ReadAllText(victim));
    }

    [Fact]
    public async Task An_unknown_verb_or_option_is_an_error()
    {
        Assert.NotEqual(0, (await RunAsync("serve", "--no-such-option")).Code);
        Assert.NotEqual(0, (await RunAsync("frobnicate")).Code);
    }

    [Fact]
    public async Task Report_writes_markdown_of_a_ledger_and_refuses_a_bad_device_id()
    {
        string path = Path.Combine(_folder, "ledger.db");
        using (var ledger = new SqliteLedger(path)) ledger.Append(1, "policy", 0, [], "{\"sha256\":\"00\"}");
        string report = Path.Combine(_folder, "report.md");

        var written = await RunAsync("report", "--ledger", path, "--out", report);
        var badDevice = await RunAsync("report", "--ledger", path, "--device", "XYZ");

        Assert.Equal(0, written.Code);
        Assert.True(new FileInfo(report).Length > 0);
        Assert.Equal(2, badDevice.Code);
        Assert.Contains("--device must be 16 lower-case hex characters", badDevice.Errors);
    }

    [Fact]
    public async Task Replay_judges_a_capture_as_json_lines_and_names_a_bad_line()
    {
        var board = new AqNano.Verifier.App.Tests.Support.TestBoard(61);
        string capture = Path.Combine(_folder, "capture.jsonl");
        var lines = Enumerable.Range(0, 3).Select(i =>
            $"{{\"t\":{1_700_000_000_000 + i * 5000},\"topic\":\"{board.ObsTopic}\",\"frame\":\"{Convert.ToBase64String(board.NextFrame())}\",\"path\":\"confidential\"}}").ToList();
        lines.Add("{ this is not json");
        await File.WriteAllLinesAsync(capture, lines);

        var (code, output, errors) = await RunAsync("replay", capture);

        string[] judged = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, judged.Length);
        Assert.Contains("\"verdict\"", judged[0]);
        Assert.Contains("\"line\":4", errors);
        Assert.Equal(1, code);
        Assert.Equal(2, (await RunAsync("replay", Path.Combine(_folder, "none.jsonl"))).Code);
    }

    [Fact]
    public async Task Serve_says_why_when_its_port_is_taken()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            var (code, _, errors) = await RunAsync("serve", "--port", port.ToString(), "--tls-port", "0",
                "--dashboard-port", AqNano.Verifier.App.Tests.Support.FreePort.Next().ToString(), "--ledger", Path.Combine(_folder, "l.db"));
            Assert.Equal(3, code);
            Assert.Contains("could not start", errors);
        }
        finally
        {
            taken.Stop();
        }
    }
}
