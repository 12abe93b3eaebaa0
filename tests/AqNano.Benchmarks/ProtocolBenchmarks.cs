using System.Security.Cryptography;
using System.Text.Json;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using BenchmarkDotNet.Attributes;

namespace AqNano.Benchmarks;

/// <summary>The per-frame work of a verifier, on the reference chain's frames 1 and 2
/// (166-byte Observations): parse, encode, and link verification (frame 2's reveal opens
/// frame 1's commitment, and frame 1's delayed tag checks under it: two HMACs on short
/// messages), with the host and the portable HMAC. The baseline is one raw HMAC-SHA256 of a
/// 161-byte message, so that the ratio to it is the hashing limit measured in the same run.</summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private readonly Frame _frame = new();
    private readonly Frame _previous = new();
    private readonly byte[] _buffer = new byte[FrameLayout.MaxFrameSize];
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _message161 = new byte[161];
    private readonly byte[] _mac = new byte[32];
    private readonly byte[] _digest = new byte[32];
    private byte[] _encoded = [];
    private byte[] _previousEncoded = [];
    private byte[] _previousDigest = [];
    private ChainMath _hostMath = null!;
    private ChainMath _portableMath = null!;
    private PortableHmacSha256 _portable = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", "aqnano-v1-reference.json");
        var chain = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("chain");
        _previousEncoded = Convert.FromHexString(chain[1].GetProperty("frame").GetString()!);
        _previousDigest = Convert.FromHexString(chain[1].GetProperty("frameDigest").GetString()!);
        _encoded = Convert.FromHexString(chain[2].GetProperty("frame").GetString()!);
        if (!FrameCodec.TryParse(_previousEncoded, 0, _previousEncoded.Length, _previous, out _)
            || !FrameCodec.TryParse(_encoded, 0, _encoded.Length, _frame, out _))
        {
            throw new InvalidOperationException("reference frames do not parse");
        }
        new Random(1).NextBytes(_message161);
        new Random(2).NextBytes(_key);
        _portable = new PortableHmacSha256();
        _hostMath = new ChainMath(new HostHmacSha256());
        _portableMath = new ChainMath(_portable);
        if (!LinkVerifyHost() || !LinkVerifyPortable()) throw new InvalidOperationException("reference link does not verify");
    }

    [Benchmark(Baseline = true, Description = "HMAC-SHA256 161 B, .NET (raw)")]
    public byte RawHmacHost()
    {
        HMACSHA256.HashData(_key, _message161, _mac);
        return _mac[0];
    }

    [Benchmark(Description = "HMAC-SHA256 161 B, portable")]
    public byte RawHmacPortable()
    {
        _portable.Compute(_key, 0, _key.Length, _message161, 0, _message161.Length, _mac, 0);
        return _mac[0];
    }

    [Benchmark(Description = "Parse 166 B Observation")]
    public bool Parse() => FrameCodec.TryParse(_encoded, 0, _encoded.Length, _frame, out _);

    [Benchmark(Description = "Encode 166 B Observation")]
    public int Encode() => FrameCodec.Write(_frame, _buffer, 0);

    [Benchmark(Description = "Link verification, .NET HMAC")]
    public bool LinkVerifyHost() => LinkVerify(_hostMath);

    [Benchmark(Description = "Link verification, portable HMAC")]
    public bool LinkVerifyPortable() => LinkVerify(_portableMath);

    [Benchmark(Description = "Frame digest 134 B + link verification, .NET HMAC")]
    public bool DigestAndLinkVerifyHost()
    {
        _hostMath.FrameDigest(_encoded, 0, _encoded.Length - FrameLayout.DigestSize, _digest, 0);
        return LinkVerify(_hostMath);
    }

    private bool LinkVerify(ChainMath math) =>
        math.Opens(_frame.Reveal, 0, _previous.Commit, 0)
        & math.TagMatches(_frame.Reveal, 0, _previousDigest, 0, _previous.Tag, 0);
}
