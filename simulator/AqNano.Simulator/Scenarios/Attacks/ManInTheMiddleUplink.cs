using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>Sits on a device's path: from <paramref name="startUs"/> on, for the next Count
/// Observations it sends its rewritten frame first (n' with the seen reveal and its own commitment,
/// then its own chain's next links, each with rewritten fields) and
/// releases the device's own frame n only after a hold. It acknowledges n to the device itself.</summary>
public sealed class ManInTheMiddleUplink : IUplink
{
    private readonly IUplink _inner;
    private readonly ISimulationScheduler _scheduler;
    private readonly FrameForge _forge;
    private readonly long _startUs;
    private readonly long _holdUs;
    private readonly Action<Frame> _onHeld;
    private readonly Frame _seen = new();
    private int _remaining;
    private bool _forging;
    private ulong _forgedEpoch;
    private uint _forgedSeq;

    public ManInTheMiddleUplink(IUplink inner, ISimulationScheduler scheduler, FrameForge forge, long startUs, long holdUs, int count, Action<Frame> onHeld)
    {
        _inner = inner;
        _scheduler = scheduler;
        _forge = forge;
        _startUs = startUs;
        _holdUs = holdUs;
        _remaining = count;
        _onHeld = onHeld;
    }

    public bool IsConnected => _inner.IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        if (_remaining <= 0 || _scheduler.NowUs < _startUs || !topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)
            || !FrameCodec.TryParse(payload, offset, length, _seen, out _) || _seen.Kind != FrameKind.Observation
            || ResendsAForgedSeq())
        {
            return _inner.Publish(topic, payload, offset, length, retain);
        }
        // The first rewrite competes for the seen reveal; later ones continue the attacker's own chain,
        // so that the rewritten chain stays canonical while the device's held frames become the fork.
        byte[] forged = _forging
            ? _forge.ContinueAs(_seen, Rewrites.ClaimEverything)
            : _forge.CompeteWith(_seen, Rewrites.ClaimEverything);
        if (!_inner.Publish(topic, forged, 0, forged.Length, retain)) return false;
        _forging = true;
        (_forgedEpoch, _forgedSeq) = (_seen.Epoch, _seen.Seq);
        _remaining--;
        _onHeld(_seen);
        byte[] original = payload.AsSpan(offset, length).ToArray();
        _scheduler.At(_scheduler.NowUs + _holdUs, () => Release(topic, original, retain, tries: 30));
        return true;
    }

    /// <summary>The device resending its own frame for a seq already rewritten (it learnt of n' from the Decision's
    /// ackFrameDigest, DESIGN.md "hold back frame n and send n' first"): that seq is won, so the resend passes as it
    /// is, a conflict. Rewriting it again as the forged chain's next link would only add a frame that opens nothing.</summary>
    private bool ResendsAForgedSeq() => _forging && _seen.Epoch == _forgedEpoch && _seen.Seq <= _forgedSeq;

    public bool Subscribe(string topic) => _inner.Subscribe(topic);

    public int Receive(byte[] buffer, int offset, out string topic) => _inner.Receive(buffer, offset, out topic);

    private void Release(string topic, byte[] original, bool retain, int tries)
    {
        if (_inner.Publish(topic, original, 0, original.Length, retain) || tries <= 1) return;
        _scheduler.At(_scheduler.NowUs + 1_000_000, () => Release(topic, original, retain, tries - 1));
    }
}
