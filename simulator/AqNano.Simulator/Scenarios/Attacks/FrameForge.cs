using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>An attacker's own chain, built with the protocol's ChainMath but from the attacker's
/// random state, not a board's. It can start a chain under any id (genesis race), or answer a seen
/// frame n with a competing n' that carries the seen reveal R_n and commits to the attacker's own
/// next key (DESIGN.md "What each attack yields": hold back and rewrite, eavesdropper injection),
/// then keep continuing that fork. It can never make the device's own next reveal.</summary>
public sealed class FrameForge
{
    private readonly ChainMath _math = new(new HostHmacSha256());
    private readonly SeededRandom _random;
    private readonly byte[] _state = new byte[32];
    private readonly byte[] _nextKey = new byte[32];
    private readonly byte[] _mix = new byte[32];
    private readonly byte[] _digest = new byte[32];
    private readonly Frame _frame = new();

    public FrameForge(SeededRandom random) => _random = random;

    public Frame Current => _frame;

    /// <summary>A Genesis for <paramref name="deviceId"/> with a fresh random epoch.</summary>
    public byte[] Genesis(ulong deviceId, ulong uptimeUs, ushort requestedScope)
    {
        _frame.Kind = FrameKind.Genesis;
        _frame.DeviceId = deviceId;
        _frame.Epoch = _random.NextUInt64();
        _frame.Seq = 0;
        _frame.UptimeUs = uptimeUs;
        _frame.Flags = 0;
        _frame.ResetCause = ResetCause.PowerOn;
        _frame.RequestedScope = requestedScope;
        PlausibleFeatures();
        Array.Clear(_frame.Reveal);
        _random.Fill(_mix, 0, 32);
        _math.Seed(deviceId, _frame.Epoch, _mix, 0, _state, 0);
        return Seal();
    }

    /// <summary>The next link of the forged chain: reveals the key the previous forged frame committed to.</summary>
    public byte[] Next(ulong uptimeUs)
    {
        _frame.Kind = FrameKind.Observation;
        _frame.Seq++;
        _frame.UptimeUs = uptimeUs;
        _frame.ResetCause = ResetCause.Unknown;
        PlausibleFeatures();
        Array.Copy(_nextKey, _frame.Reveal, 32);
        _random.Fill(_mix, 0, 32);
        _math.Advance(_state, 0, _frame.Seq, uptimeUs, _mix, 0);
        return Seal();
    }

    /// <summary>A frame competing with <paramref name="seen"/>: same header and reveal, the attacker's
    /// own commitment and tag, and whatever <paramref name="rewrite"/> changes (a feature, the scope).</summary>
    public byte[] CompeteWith(Frame seen, Action<Frame>? rewrite)
    {
        _frame.CopyFrom(seen);
        rewrite?.Invoke(_frame);
        _random.Fill(_state, 0, 32);
        return Seal();
    }

    /// <summary>The forged chain's next link dressed as <paramref name="seen"/> (its header, features,
    /// flags), but revealing the key the previous forged frame committed to: the fork stays the
    /// attacker's and keeps linking, while the device's own frames no longer open anything canonical.</summary>
    public byte[] ContinueAs(Frame seen, Action<Frame>? rewrite)
    {
        byte[] previousKey = (byte[])_nextKey.Clone();
        _frame.CopyFrom(seen);
        rewrite?.Invoke(_frame);
        Array.Copy(previousKey, _frame.Reveal, 32);
        _random.Fill(_mix, 0, 32);
        _math.Advance(_state, 0, _frame.Seq, _frame.UptimeUs, _mix, 0);
        return Seal();
    }

    private byte[] Seal()
    {
        _math.NextKey(_state, 0, _nextKey, 0);
        _math.Commit(_nextKey, 0, _frame.Commit, 0);
        byte[] bytes = new byte[_frame.EncodedLength];
        FrameCodec.Write(_frame, bytes, 0);
        _math.Seal(bytes, 0, bytes.Length, _nextKey, 0, _digest, 0);
        return bytes;
    }

    private void PlausibleFeatures()
    {
        _frame.FeatureMask = Features.AllMask;
        _frame.Features[Features.AdcMean] = Features.ToWire(_random.Uniform(1500, 2500));
        _frame.Features[Features.AdcStdDev] = Features.ToWire(_random.Uniform(2, 8));
        _frame.Features[Features.AdcLsbOnesRatio] = Features.ToWire(_random.Uniform(0.45, 0.55));
        _frame.Features[Features.JitterMeanUs] = Features.ToWire(_random.Uniform(20, 80));
        _frame.Features[Features.JitterStdDevUs] = Features.ToWire(_random.Uniform(1, 6));
        _frame.Features[Features.TemperatureC] = Features.ToWire(_random.Uniform(18, 27));
        _frame.Features[Features.RelativeHumidity] = Features.ToWire(_random.Uniform(35, 60));
        _frame.Features[Features.FreeMemoryKb] = Features.ToWire(_random.Uniform(80, 120));
    }
}
