using System.Diagnostics;
using System.Net.Sockets;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.ExternalBroker;

/// <summary>A real mosquitto on a free loopback port, configured from the shipped
/// verifier/mosquitto/ files (paths and port rewritten), stopped and cleaned up on dispose.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MosquittoProcess : IDisposable
{
    public const string VerifierPassword = "verifier-test-secret";
    private readonly Process _process;
    private readonly string _folder;

    private MosquittoProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <param name="anonymousAcl">ACL lines added for anonymous clients (before the shipped "user" sections), e.g.
    /// the plain sensors' topics a retrofit gateway watches.</param>
    public static async Task<MosquittoProcess> StartAsync(string anonymousAcl = "")
    {
        string folder = Directory.CreateTempSubdirectory("aqnano-mosquitto-").FullName;
        // Started as root, mosquitto drops to the mosquitto user: it must be able to read these.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        int port = FreePort.Next();
        string passwords = Path.Combine(folder, "aqnano.passwd");
        string acl = Path.Combine(folder, "aqnano.acl");
        string shippedAcl = await File.ReadAllTextAsync(RepositoryFiles.Path("verifier/mosquitto/aqnano.acl"));
        int firstUser = shippedAcl.IndexOf("\nuser ", StringComparison.Ordinal);
        await File.WriteAllTextAsync(acl, anonymousAcl.Length == 0 ? shippedAcl
            : shippedAcl[..(firstUser + 1)] + anonymousAcl.TrimEnd() + "\n\n" + shippedAcl[(firstUser + 1)..]);
        string config = (await File.ReadAllTextAsync(RepositoryFiles.Path("verifier/mosquitto/mosquitto.conf")))
            .Replace("/etc/mosquitto/aqnano.passwd", passwords).Replace("/etc/mosquitto/aqnano.acl", acl)
            .Replace("listener 1883 127.0.0.1", $"listener {port} 127.0.0.1")
            .Replace("persistence true", "persistence false").Replace("persistence_location /var/lib/mosquitto/", "");
        string configPath = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config);
        using (var passwd = Process.Start("/usr/bin/mosquitto_passwd", ["-b", "-c", passwords, "verifier", VerifierPassword])!)
        {
            await passwd.WaitForExitAsync();
            Assert.Equal(0, passwd.ExitCode);
        }
        foreach (string file in Directory.GetFiles(folder)) File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        var process = Process.Start(new ProcessStartInfo(MosquittoFactAttribute.Binary, ["-c", configPath])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var mosquitto = new MosquittoProcess(process, folder, port);
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return mosquitto;
            }
            catch (SocketException) { await Task.Delay(50); }
            if (process.HasExited) break;
        }
        string log = process.HasExited ? await process.StandardError.ReadToEndAsync() : "(still starting)";
        mosquitto.Dispose();
        throw new InvalidOperationException("mosquitto did not start: " + log);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
