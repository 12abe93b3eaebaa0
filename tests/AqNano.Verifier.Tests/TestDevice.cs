using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.Tests;

/// <summary>A test-side device: builds a real v1 chain with the shared ChainMath and FrameCodec (DESIGN.md
/// "The chain"), deterministic for a seed. Clone copies the chain state S, as an attacker reading RAM would.</summary>
internal sealed class TestDevice
{
    private readonly ChainMath _math = new(new HostHmacSha256());
    private readonly Random _random;
    private readonly byte[] _state = new byte[32];
    private readonly byte[] _nextKey = new byte[32];
    private readonly byte[] _raw = new byte[96];
    private readonly byte[] _mix = new byte[32];

    public ulong DeviceId { get; }
    public ulong Epoch { get; private set; }
    public uint Seq { get; private set; }
    public ulong UptimeUs { get; private set; }
    public ushort RequestedScope { get; set; } = Scopes.All;
    public ushort FeatureMask { get; set; } = Features.AllMask;
    /// <summary>Feature values in feature units; each frame adds a little seeded noise.</summary>
    public double[] FeatureValues { get; } = [2048.1, 3.5, 0.498, 12.25, 0.81, 21.5, 45.25, 96];
    public Dictionary<uint, byte[]> Digests { get; } = new();
    public string Topic => Topics.Observation(DeviceId);

    public TestDevice(ulong deviceId, ulong epoch, int seed)
    {
        DeviceId = deviceId;
        Epoch = epoch;
        _random = new Random(seed);
    }

    public static TestDevice Create(int seed) =>
        new(0x1000_0000_0000_0000UL + (ulong)seed * 7919UL, 0xE0_0000UL + (ulong)seed, seed);

    public byte[] Genesis(ulong uptimeUs = 1_000_000)
    {
        Seq = 0;
        UptimeUs = uptimeUs;
        _random.NextBytes(_raw);
        _math.Mix(_raw, 0, _raw.Length, _mix, 0);
        _math.Seed(DeviceId, Epoch, _mix, 0, _state, 0);
        return Build(FrameKind.Genesis, 0, null);
    }

    /// <summary>The next Observation, <paramref name="advanceUs"/> of uptime after the last frame.</summary>
    public byte[] Next(ulong advanceUs = 5_000_000, byte flags = 0) => Advance(advanceUs, FrameKind.Observation, flags, null);

    /// <summary>The next link as a Witness frame reporting <paramref name="subjectDigest"/> for the subject's seq.</summary>
    public byte[] Witness(TestDevice subject, uint subjectSeq, byte[] subjectDigest, ulong advanceUs = 5_000_000) =>
        Advance(advanceUs, FrameKind.Witness, 0, frame =>
        {
            frame.SubjectDeviceId = subject.DeviceId;
            frame.SubjectEpoch = subject.Epoch;
            frame.SubjectSeq = subjectSeq;
            subjectDigest.CopyTo(frame.SubjectFrameDigest, 0);
            frame.Rssi = -61;
            frame.Path = WitnessPath.Radio;
        });

    /// <summary>A copy of this device's chain state: a clone can continue the chain exactly as the device can.</summary>
    public TestDevice Clone(int seed)
    {
        var clone = new TestDevice(DeviceId, Epoch, seed) { Seq = Seq, UptimeUs = UptimeUs, RequestedScope = RequestedScope };
        _state.CopyTo(clone._state, 0);
        _nextKey.CopyTo(clone._nextKey, 0);
        return clone;
    }

    /// <summary>A reboot: a fresh epoch for the same id (its Genesis must still be built).</summary>
    public TestDevice Reboot(ulong epoch, int seed) => new(DeviceId, epoch, seed) { RequestedScope = RequestedScope };

    private byte[] Advance(ulong advanceUs, FrameKind kind, byte flags, Action<Frame>? fill)
    {
        Seq++;
        UptimeUs += advanceUs;
        _random.NextBytes(_raw);
        _math.Mix(_raw, 0, _raw.Length, _mix, 0);
        byte[] reveal = (byte[])_nextKey.Clone();
        _math.Advance(_state, 0, Seq, UptimeUs, _mix, 0);
        return Build(kind, flags, fill, reveal);
    }

    private byte[] Build(FrameKind kind, byte flags, Action<Frame>? fill, byte[]? reveal = null)
    {
        var frame = new Frame
        {
            Kind = kind, DeviceId = DeviceId, Epoch = Epoch, Seq = Seq, UptimeUs = UptimeUs, Flags = flags,
            ResetCause = kind == FrameKind.Genesis ? ResetCause.PowerOn : ResetCause.Unknown,
            RequestedScope = RequestedScope, FeatureMask = kind == FrameKind.Witness ? (ushort)0 : FeatureMask,
        };
        for (int i = 0; i < Features.Count; i++)
        {
            frame.Features[i] = Features.ToWire(FeatureValues[i] * (1 + (_random.NextDouble() - 0.5) * 0.002));
        }
        fill?.Invoke(frame);
        if (reveal != null) reveal.CopyTo(frame.Reveal, 0);
        _math.NextKey(_state, 0, _nextKey, 0);
        _math.Commit(_nextKey, 0, frame.Commit, 0);
        var buffer = new byte[frame.EncodedLength];
        int length = FrameCodec.Write(frame, buffer, 0);
        var digest = new byte[32];
        _math.Seal(buffer, 0, length, _nextKey, 0, digest, 0);
        Digests[Seq] = digest;
        return buffer;
    }
}
