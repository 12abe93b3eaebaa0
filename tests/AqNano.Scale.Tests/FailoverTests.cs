using System.Text.Json;
using AqNano.Lineage.Tests;
using AqNano.Verifier.App.Tests.ExternalBroker;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;
using Xunit.Abstractions;

namespace AqNano.Scale.Tests;

/// <summary>Issue 8 item 4, the CI form: Mosquitto + PostgreSQL + three `aqnano serve` worker processes +
/// `aqnano-sim` with 300 honest boards (one frame each per 2 s for 30 s); one worker is killed with SIGKILL
/// mid-run. Its partitions move to the survivors, every frame the boards got acknowledged is in the ledger,
/// with no fork, conflict or refusal, and the ledger verifies. tests/load/run-failover.sh runs the full form.
/// No timing is asserted: every wait is on a condition, with generous timeouts.</summary>
[Collection(PostgresCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FailoverTests(PostgresServer server, ITestOutputHelper log) : IDisposable
{
    private const int Boards = 300;
    private const int Partitions = 64;
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-failover-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [SkippableFact]
    public async Task Killing_one_of_three_workers_moves_its_partitions_and_loses_no_acknowledged_frame()
    {
        Skip.IfNot(File.Exists(MosquittoFactAttribute.Binary), $"{MosquittoFactAttribute.Binary} is not installed (apt-get install mosquitto)");
        string database = server.NewSchema();
        using var mosquitto = await MosquittoProcess.StartAsync();
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        string aqnano = Path.Combine(AppContext.BaseDirectory, "aqnano.dll");
        string simulator = RepositoryFiles.Path($"simulator/AqNano.Simulator.Cli/bin/{configuration}/net10.0/aqnano-sim.dll");
        Assert.True(File.Exists(simulator), $"{simulator} is not built");

        var workers = new Dictionary<string, ChildProcess>();
        var dashboards = new Dictionary<string, int>();
        try
        {
            foreach (string id in new[] { "w1", "w2", "w3" }) workers[id] = StartWorker(aqnano, id, mosquitto.Port, database, dashboards[id] = FreePort.Next());
            foreach (var worker in workers.Values) await worker.WaitForLineAsync("Ctrl+C stops", 120);
            await WaitAsync(() => Owners(database) is var o && o.Count == 3 && o.Values.Sum() == Partitions && o.Values.Max() <= (Partitions + 2) / 3,
                "leases spread evenly over three workers");
            log.WriteLine("leases before: " + Describe(Owners(database)));

            string scenario = Path.Combine(_folder, "scenario.json");
            await File.WriteAllTextAsync(scenario, Scenario());
            // The capture holds every obs frame the broker acknowledged to a board (CapturingUplinkFactory): the frames that must not be lost.
            string capture = Path.Combine(_folder, "acknowledged.jsonl");
            using var sim = new ChildProcess(simulator, ["--broker", $"mqtt://127.0.0.1:{mosquitto.Port}", "--scenario", scenario, "--capture", capture]);
            // Killed once every board has booted and a few links each are in: mid-stream, for every device.
            await WaitAsync(() => FrameCount(database) >= Boards * 3, "the fleet's first links judged", 180);
            var victimPartitions = Owners(database).GetValueOrDefault("w2");
            var victimSet = VictimPartitions(database, "w2");
            long killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            workers["w2"].KillHard();
            log.WriteLine($"killed w2 holding {victimPartitions} partitions after {FrameCount(database)} frame records");

            using (var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5))) await sim.WaitForExitAsync(cancel.Token);
            Assert.True(sim.ExitCode == 0, $"aqnano-sim exited {sim.ExitCode}:\n{sim.Output}");
            long acknowledged = AcknowledgedFrames(sim.Output);
            log.WriteLine($"simulator summary: {acknowledged} obs frame acknowledgements");

            // The survivors own everything; every acknowledged frame reaches the ledger (kept frames replayed).
            var owners = Owners(database);
            log.WriteLine("leases after: " + Describe(owners));
            Assert.Equal(Partitions, owners.Values.Sum());
            Assert.False(owners.ContainsKey("w2"));
            Assert.Equal(2, owners.Count);
            // Each survivor's /metrics says how many partitions it owns; together, all of them.
            using var http = new HttpClient();
            async Task<int> OwnedAsync(string id)
            {
                string metrics = await http.GetStringAsync($"http://127.0.0.1:{dashboards[id]}/metrics");
                string line = metrics.Split('\n').Single(l => l.StartsWith($"aqnano_worker_owned_partitions{{worker=\"{id}\"}} ", StringComparison.Ordinal));
                return int.Parse(line.Split(' ')[1]);
            }
            int ownedTotal = 0;
            await WaitAsync(() => (ownedTotal = OwnedAsync("w1").Result + OwnedAsync("w3").Result) == Partitions,
                () => $"survivors' /metrics report {ownedTotal} owned partitions", 60);
            var acknowledgedFrames = File.ReadLines(capture).Select(line => JsonDocument.Parse(line).RootElement)
                .Where(line => line.GetProperty("topic").GetString()!.EndsWith("/obs", StringComparison.Ordinal))
                .Select(line => Convert.ToHexString(line.GetProperty("frame").GetBytesFromBase64())).ToHashSet();
            log.WriteLine($"capture: {acknowledgedFrames.Count} distinct obs frames acknowledged");
            Assert.True(acknowledgedFrames.Count >= Boards * 6, $"only {acknowledgedFrames.Count} frames acknowledged:\n{sim.Output}");
            HashSet<string> missing = [];
            await WaitAsync(() =>
            {
                missing = [.. acknowledgedFrames.Except(LedgerFrames(database))];
                return missing.Count == 0;
            }, () => $"{missing.Count} acknowledged frames missing from the ledger, e.g. {string.Join(", ", missing.Take(5).Select(FrameLabel))}", 120);

            using var ledger = PostgresPartitionedLedger.OpenExisting(database, Partitions);
            var entries = ledger.Read().ToList();
            var frames = entries.Where(e => e.Kind == "frame").Select(Parse).ToList();
            foreach (var kind in entries.GroupBy(e => e.Kind)) log.WriteLine($"ledger {kind.Key}: {kind.Count()}");
            foreach (var odd in entries.Where(e => e.Kind is "refusal" or "revocation" or "incident").Take(3)) log.WriteLine($"{e(odd)}");
            var revoked = entries.Where(e => e.Kind == "revocation").ToList();
            log.WriteLine($"revocations: {revoked.Count(r => victimSet.Contains(AqNano.Verifier.Partitions.DevicePartitions.Of(r.DeviceId, Partitions)))} in the killed worker's partitions; seconds after the kill: "
                + string.Join(" ", revoked.Select(r => ((r.TimeUnixMs - killedAt) / 1000.0).ToString("0.#")).Take(40)));

            static string e(LedgerEntry entry) => $"{entry.Kind} {entry.DeviceId:x16} at {entry.TimeUnixMs}: {entry.Detail}";
            Assert.Empty(entries.Where(e => e.Kind is "refusal" or "refusal-count" or "incident").Select(e => e.Detail));
            Assert.All(frames, f => Assert.Contains(f.Verdict, new[] { "genesis", "next" }));
            var devices = frames.GroupBy(f => f.DeviceId).ToList();
            Assert.Equal(Boards, devices.Count);
            foreach (var device in devices)
            {
                // Each device's chain is whole: seqs 0..last with no hole and, per seq, one frame.
                var seqs = device.Select(f => f.Seq).Distinct().Order().ToList();
                Assert.Equal(Enumerable.Range(0, seqs.Count).Select(s => (uint)s), seqs);
                Assert.All(device.GroupBy(f => f.Seq), same => Assert.Single(same.Select(f => f.FrameHex).Distinct()));
            }
            // Every partition chain, the anchor chain and each anchor's heads (docs/SCALING.md); the workers anchor every
            // few seconds (--anchor-every), so a run this long holds anchors, and the survivors anchored after the kill.
            var verification = ledger.VerifyAll();
            Assert.True(verification.Verified, verification.Problem);
            log.WriteLine($"ledger verifies: {verification.RecordsChecked} records, {verification.PartitionsUsed} partitions, {verification.Anchors} anchors, {verification.RecordsAfterLastAnchor} records after the last");
            Assert.True(verification.Anchors >= 2, $"{verification.Anchors} anchors");
            Assert.Contains(entries, e => e.Kind == "anchor" && e.TimeUnixMs > killedAt);
            Assert.DoesNotContain(entries.Where(e => e.Kind == "decision"), e => e.Detail.Contains("\"mode\":\"Refused\"", StringComparison.Ordinal));
            int duplicates = frames.Count - frames.Select(f => f.FrameHex).Distinct().Count();
            log.WriteLine($"{frames.Count} frame records, {duplicates} recorded twice, {acknowledged} acknowledged");
            // A judgement's records and state are one PostgreSQL commit (PostgresPartitionedLedger is IJointCommit),
            // so the SIGKILL cannot leave a frame recorded without its state: the next owner judges it a duplicate.
            Assert.True(duplicates == 0, $"{duplicates} frames recorded twice");
        }
        finally
        {
            foreach (var (id, worker) in workers)
            {
                log.WriteLine($"--- {id} (last lines)\n" + string.Join("\n", worker.Output.Split('\n').TakeLast(15)));
                worker.Dispose();
            }
        }
    }

    private static ChildProcess StartWorker(string aqnano, string id, int mqttPort, string database, int dashboardPort) => new(aqnano,
    [
        "serve", "--broker", $"mqtt://127.0.0.1:{mqttPort}", "--broker-user", "verifier", "--broker-password", MosquittoProcess.VerifierPassword,
        "--postgres", database, "--worker-id", id, "--partitions", Partitions.ToString(), "--anchor-every", "2", "--lease-ttl", "4", "--lease-renew", "1",
        "--tls-port", "0", "--dashboard-port", dashboardPort.ToString(),
        "--operator-password", "op", "--viewer-password", "view", "--controller-password", "ctl",
    ]);

    /// <summary>Honest boards on a network that loses 1 % of publishes and of PUBACKs (so QoS 1 resends happen).</summary>
    private static string Scenario() => JsonSerializer.Serialize(new
    {
        name = "failover", seed = 8004, devices = Boards, intervalSeconds = 2.0, durationMinutes = 0.5,
        description = "Honest boards while one verifier worker is killed.", path = "open",
        network = new { delayFloorMs = 1, delayMedianExtraMs = 4, delaySpread = 0.8, lossPercent = 1, ackLossPercent = 1 },
        expected = new[]
        {
            new
            {
                role = "honest", verdicts = new[] { "Genesis", "Next" }, neverVerdicts = new[] { "Conflict", "Fork", "Broken", "Malformed", "Contended" },
                finalModes = new[] { "AdmitRestricted", "AdmitFull", "Observe" }, incident = false, note = "failover run",
            },
        },
    });

    private Dictionary<string, int> Owners(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(database);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT owner, count(*) FROM partition_lease WHERE expires_at > now() AND owner IS NOT NULL GROUP BY owner", connection);
        using var reader = command.ExecuteReader();
        var owners = new Dictionary<string, int>();
        while (reader.Read()) owners[reader.GetString(0)] = (int)reader.GetInt64(1);
        return owners;
    }

    private long FrameCount(string database) => Convert.ToInt64(server.Scalar("SELECT count(*) FROM partition_ledger WHERE kind = 'frame'", database));


    private static HashSet<int> VictimPartitions(string database, string worker)
    {
        using var connection = new Npgsql.NpgsqlConnection(database);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT partition FROM partition_lease WHERE owner = @w AND expires_at > now()", connection);
        command.Parameters.AddWithValue("w", worker);
        using var reader = command.ExecuteReader();
        var partitions = new HashSet<int>();
        while (reader.Read()) partitions.Add(reader.GetInt32(0));
        return partitions;
    }

    private static string Describe(Dictionary<string, int> owners) => string.Join(", ", owners.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>The simulator's summary row "obs frames acknowledged (devices) │ N │" (as tests/load/run-fleet-load.sh reads it).</summary>
    private static long AcknowledgedFrames(string output)
    {
        string? line = output.Split('\n').FirstOrDefault(l => l.Contains("obs frames acknowledged", StringComparison.Ordinal));
        Assert.True(line != null, "no acknowledged count in the simulator's summary:\n" + output);
        return long.Parse(line!.Split('│')[2].Trim());
    }

    private static (ulong DeviceId, uint Seq, string Verdict, string FrameHex) Parse(LedgerEntry e)
    {
        using var detail = JsonDocument.Parse(e.Detail);
        return (e.DeviceId, detail.RootElement.GetProperty("seq").GetUInt32(), detail.RootElement.GetProperty("verdict").GetString()!, Convert.ToHexString(e.Frame));
    }

    private static Task WaitAsync(Func<bool> condition, string what, int timeoutSeconds = 120) => WaitAsync(condition, () => what, timeoutSeconds);

    private static async Task WaitAsync(Func<bool> condition, Func<string> what, int timeoutSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what()}: not reached within {timeoutSeconds} s");
            await Task.Delay(500);
        }
    }

    private static HashSet<string> LedgerFrames(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(database);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT DISTINCT frame FROM partition_ledger WHERE kind = 'frame'", connection);
        using var reader = command.ExecuteReader();
        var frames = new HashSet<string>();
        while (reader.Read()) frames.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        return frames;
    }

    /// <summary>"device:seq" of a frame in hex (header: deviceId at byte 4, seq at byte 20, DESIGN.md "Wire format").</summary>
    private static string FrameLabel(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);
        return $"{Convert.ToHexStringLower(frame, 4, 8)}:{BitConverter.ToUInt32(frame, 20)}";
    }
}
