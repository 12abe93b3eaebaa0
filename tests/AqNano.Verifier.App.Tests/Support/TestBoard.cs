using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>A small test-side board: builds a real v1 chain with the shared ChainMath and FrameCodec
/// (DESIGN.md "The chain"). <see cref="Clone"/> copies its RAM state, as an attacker who read S would.</summary>
public sealed class TestBoard
{
    private readonly ChainMath _math = new(new HostHmacSha256());
    private readonly Random _random;
    private byte[] _state = new byte[32];
    private byte[] _nextKey = new byte[32];
    private uint _seq;
    private bool _started;

    public TestBoard(int seed, ushort requestedScope = Scopes.Observe | Scopes.Telemetry)
    {
        _random = new Random(seed);
        var chip = new byte[6];
        _random.NextBytes(chip);
        DeviceId = _math.DeviceId(chip, 0, chip.Length);
        Epoch = (ulong)_random.NextInt64();
        RequestedScope = requestedScope;
    }

    private TestBoard(TestBoard original, int seed)
    {
        _random = new Random(seed);
        DeviceId = original.DeviceId;
        Epoch = original.Epoch;
        RequestedScope = original.RequestedScope;
        _state = (byte[])original._state.Clone();
        _nextKey = (byte[])original._nextKey.Clone();
        _seq = original._seq;
        _started = original._started;
    }

    public ulong DeviceId { get; }
    public ulong Epoch { get; }
    public ushort RequestedScope { get; }
    public string ObsTopic => Topics.Observation(DeviceId);
    public string DecisionTopic => Topics.Decision(DeviceId);
    public string AppTopic(string channel) => Topics.Application(DeviceId, channel);

    /// <summary>A copy of the RAM state that continues with its own entropy from here.</summary>
    public TestBoard Clone(int seed) => new(this, seed);

    /// <summary>The next frame: a Genesis first, then Observations.</summary>
    public byte[] NextFrame()
    {
        var raw = new byte[64];
        _random.NextBytes(raw);
        var mix = new byte[32];
        _math.Mix(raw, 0, raw.Length, mix, 0);
        uint seq = _started ? _seq + 1 : 0;
        ulong uptime = 1_000_000UL + seq * 1_000_000UL;
        var frame = new Frame { DeviceId = DeviceId, Epoch = Epoch, Seq = seq, UptimeUs = uptime, RequestedScope = RequestedScope };
        if (seq == 0)
        {
            _math.Seed(DeviceId, Epoch, mix, 0, _state, 0);
            frame.Kind = FrameKind.Genesis;
            frame.ResetCause = ResetCause.PowerOn;
        }
        else
        {
            _math.Advance(_state, 0, seq, uptime, mix, 0);
            frame.Kind = FrameKind.Observation;
            Array.Copy(_nextKey, frame.Reveal, 32);
        }
        _math.NextKey(_state, 0, _nextKey, 0);
        _math.Commit(_nextKey, 0, frame.Commit, 0);
        var buffer = new byte[frame.EncodedLength];
        FrameCodec.Write(frame, buffer, 0);
        _math.Seal(buffer, 0, buffer.Length, _nextKey, 0, new byte[32], 0);
        _seq = seq;
        _started = true;
        return buffer;
    }
}
