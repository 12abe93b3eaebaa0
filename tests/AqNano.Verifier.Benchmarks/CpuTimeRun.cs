using System.Diagnostics;
using System.Security.Cryptography;
using AqNano.Protocol;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Benchmarks;

/// <summary>`--cputime`: the same work as <see cref="JudgeBenchmarks"/>, timed by the process's CPU time
/// rather than the wall clock. On a shared machine (other jobs on the same two cores) wall time counts the
/// time this thread waits to be scheduled; CPU time does not, so the ratio to HMAC-SHA256 stays readable.</summary>
internal static class CpuTimeRun
{
    private const int Devices = 100;
    private const int Links = 50;

    public static void Run(int rounds)
    {
        var chains = Enumerable.Range(0, Devices).Select(i => BenchmarkChain.Build(0xA000_0000UL + (ulong)i, 0xE000UL + (ulong)i, Links, i)).ToList();
        string[] topics = Enumerable.Range(0, Devices).Select(i => Topics.Observation(0xA000_0000UL + (ulong)i)).ToArray();
        Console.WriteLine("| round | HMAC-SHA256 161 B (µs CPU) | Judge, in-memory ledger (µs CPU) | Judge, + in-memory state store (µs CPU) | allocated per Judge (B) | Judge with a valid client certificate bound (µs CPU) | allocated (B) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++)
        {
            double hmac = Hmac();
            (double judge, long bytes) = Judge(chains, topics, withStore: false);
            (double stored, _) = Judge(chains, topics, withStore: true);
            (double certified, long certifiedBytes) = Judge(chains, topics, withStore: false, Certificate);
            Console.WriteLine($"| {round} | {hmac:0.00} | {judge:0.0} | {stored:0.0} | {bytes} | {certified:0.0} | {certifiedBytes} |");
        }
    }

    private static double Hmac()
    {
        var key = new byte[32];
        var message = new byte[161];
        var mac = new byte[32];
        RandomNumberGenerator.Fill(key);
        const int count = 200_000;
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < count; i++) HMACSHA256.HashData(key, message, mac);
        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / count;
    }

    /// <summary>A valid certificate from a trusted issuer (issue 9), weighed with the zone's lift on.</summary>
    private static readonly Evidence.CertificateEvidence Certificate =
        new("CN=bench, O=Plant PKI", "CN=Plant CA", "1001", 1_700_000_000_000, 1_900_000_000_000, new string('b', 64), true, false);

    private static (double MicrosecondsPerJudge, long BytesPerJudge) Judge(List<List<byte[]>> chains, string[] topics, bool withStore,
                                                                           Evidence.CertificateEvidence? certificate = null)
    {
        var clock = new CaptureClock(1_764_000_000_000);
        var policy = new VerifierPolicy();
        policy.Zones[policy.DefaultZone].CertificateLift = certificate != null;
        var verifier = new FleetVerifier(policy, new InMemoryLedger(), clock, withStore ? new InMemoryDeviceStateStore() : null);
        for (int d = 0; d < Devices; d++) verifier.Judge(new InboundFrame(topics[d], chains[d][0], clock.NowUnixMs, "c", PathMode.Open) { Certificate = certificate });
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        for (int seq = 1; seq <= Links; seq++)
        {
            long t = 1_764_000_000_000 + seq * 5000L;
            for (int d = 0; d < Devices; d++) verifier.Judge(new InboundFrame(topics[d], chains[d][seq], t, "c", PathMode.Open) { Certificate = certificate });
        }
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / (Devices * Links);
        return (cpu, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (Devices * Links));
    }
}
