using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.VectorGen;

/// <summary>The device side of the chain, step by step, keeping every intermediate value:
/// mix, S, the reveal R_n, the next key R_(n+1), its commitment, the frame digest and tag.</summary>
internal sealed class DeviceChain(ChainMath math, ulong deviceId, ulong epoch)
{
    private readonly byte[] _state = new byte[32];
    private readonly byte[] _nextKey = new byte[32];

    /// <summary>Completes <paramref name="frame"/> (kind, seq, uptime and body already set)
    /// with its reveal, commitment and tag, fed by <paramref name="raw"/>.</summary>
    public LinkRecord Link(Frame frame, byte[] raw)
    {
        frame.DeviceId = deviceId;
        frame.Epoch = epoch;
        var mix = new byte[32];
        math.Mix(raw, 0, raw.Length, mix, 0);
        if (frame.Seq == 0) math.Seed(deviceId, epoch, mix, 0, _state, 0);
        else math.Advance(_state, 0, frame.Seq, frame.UptimeUs, mix, 0);

        byte[] reveal = frame.Seq == 0 ? new byte[32] : (byte[])_nextKey.Clone();
        math.NextKey(_state, 0, _nextKey, 0);
        reveal.CopyTo(frame.Reveal, 0);
        math.Commit(_nextKey, 0, frame.Commit, 0);
        Array.Clear(frame.Tag);

        var encoded = new byte[frame.EncodedLength];
        if (FrameCodec.Write(frame, encoded, 0) != encoded.Length) throw new InvalidOperationException("frame did not encode");
        var digest = new byte[32];
        math.Seal(encoded, 0, encoded.Length, _nextKey, 0, digest, 0);
        var check = new Frame();
        if (!FrameCodec.TryParse(encoded, 0, encoded.Length, check, out var rejection))
        {
            throw new InvalidOperationException($"generated frame refused: {rejection}");
        }
        var kept = new Frame();
        kept.CopyFrom(check);
        return new LinkRecord(kept, raw, mix, (byte[])_state.Clone(), reveal, (byte[])_nextKey.Clone(),
            (byte[])frame.Commit.Clone(), digest, encoded[^32..], encoded);
    }
}
