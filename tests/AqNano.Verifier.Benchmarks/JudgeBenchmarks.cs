using System.Security.Cryptography;
using AqNano.Protocol;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;
using BenchmarkDotNet.Attributes;

namespace AqNano.Verifier.Benchmarks;

/// <summary>Frames verified and decided per second on one core, in-process with an in-memory ledger, next to
/// the raw HMAC-SHA256 rate of the same run. Each Judge of a next link runs two HMACs of the chain (commit
/// check, delayed tag) and one for the frame digest, weighs evidence, decides, writes ledger records and
/// (with a store) serialises the device's state.</summary>
[MemoryDiagnoser]
public class JudgeBenchmarks
{
    private const int Devices = 100;
    private const int Links = 50;
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _message = new byte[161];
    private readonly byte[] _mac = new byte[32];
    private List<List<byte[]>> _chains = new();
    private string[] _topics = [];
    private FleetVerifier _verifier = null!;

    [Params(false, true)]
    public bool WithStateStore { get; set; }

    [GlobalSetup]
    public void BuildChains()
    {
        RandomNumberGenerator.Fill(_key);
        RandomNumberGenerator.Fill(_message);
        _chains = Enumerable.Range(0, Devices).Select(i => BenchmarkChain.Build(0xA000_0000UL + (ulong)i, 0xE000UL + (ulong)i, Links, i)).ToList();
        _topics = Enumerable.Range(0, Devices).Select(i => Topics.Observation(0xA000_0000UL + (ulong)i)).ToArray();
    }

    [IterationSetup(Target = nameof(JudgeNextLinks))]
    public void FreshVerifierWithGeneses()
    {
        var clock = new CaptureClock(1_764_000_000_000);
        _verifier = new FleetVerifier(new VerifierPolicy(), new InMemoryLedger(), clock, WithStateStore ? new InMemoryDeviceStateStore() : null);
        for (int d = 0; d < Devices; d++) _verifier.Judge(new InboundFrame(_topics[d], _chains[d][0], clock.NowUnixMs, "c", PathMode.Open));
    }

    [Benchmark(Baseline = true, Description = "raw HMAC-SHA256, 161-byte message")]
    public void HmacSha256() => HMACSHA256.HashData(_key, _message, _mac);

    [Benchmark(OperationsPerInvoke = Devices * Links, Description = "Judge: next link verified and decided")]
    public void JudgeNextLinks()
    {
        for (int seq = 1; seq <= Links; seq++)
        {
            long t = 1_764_000_000_000 + seq * 5000L;
            for (int d = 0; d < Devices; d++) _verifier.Judge(new InboundFrame(_topics[d], _chains[d][seq], t, "c", PathMode.Open));
        }
    }
}
