using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Targets;

/// <summary>The frame parser as a fuzz target. Invariants, per input (DESIGN.md "A frame parses
/// only if it is exact"; FrameCodec's contract):
/// 1. TryParse and Check never throw, and agree on the reason;
/// 2. a refusal names a defined reason and leaves the caller's frame untouched;
/// 3. an accepted frame re-encodes to exactly the input bytes;
/// 4. a window outside the buffer is BufferOutOfRange;
/// 5. the same bytes embedded at an offset in a larger buffer of noise give the same answer
///    (the codec reads byte[] with offsets, so an off-by-offset read would show here).
/// Exceptions from the codec propagate; broken invariants throw <see cref="FuzzInvariantException"/>.</summary>
public sealed class ParserTarget
{
    private static readonly byte[] SentinelSnapshot = FrameSnapshot.Of(FrameSnapshot.Sentinel());
    private readonly Frame sentinel = FrameSnapshot.Sentinel();
    private readonly Frame frame = new();
    private readonly Frame embeddedFrame = new();
    private readonly byte[] encoded = new byte[FrameLayout.MaxFrameSize];
    private readonly byte[] embedded = new byte[4096];

    /// <summary>Runs one input; returns the parser's answer (<see cref="FrameRejection.None"/> when accepted).</summary>
    public FrameRejection Run(ReadOnlySpan<byte> input, int embedOffset = 7)
    {
        byte[] bytes = input.ToArray();
        FrameRejection checkedReason = FrameCodec.Check(bytes, 0, bytes.Length);
        frame.CopyFrom(sentinel);
        bool accepted = FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out FrameRejection reason);

        if (accepted != (reason == FrameRejection.None)) Fail($"TryParse returned {accepted} with reason {reason}");
        if (checkedReason != reason) Fail($"Check said {checkedReason}, TryParse said {reason}");
        if (!Enum.IsDefined(reason)) Fail($"undefined rejection value {(byte)reason}");
        if (accepted) CheckRoundTrip(bytes);
        else if (!FrameSnapshot.Of(frame).AsSpan().SequenceEqual(SentinelSnapshot)) Fail($"refusal {reason} changed the target frame");

        CheckEmbedded(bytes, embedOffset, reason);
        CheckWindowOutside(bytes);
        return reason;
    }

    private void CheckRoundTrip(byte[] bytes)
    {
        if (frame.EncodedLength != bytes.Length) Fail($"accepted {bytes.Length} bytes but EncodedLength is {frame.EncodedLength}");
        Array.Clear(encoded);
        int written = FrameCodec.Write(frame, encoded, 0);
        if (written != bytes.Length || !encoded.AsSpan(0, written).SequenceEqual(bytes))
        {
            Fail($"re-encoding gave {Convert.ToHexString(encoded, 0, written)}, input was {Convert.ToHexString(bytes)}");
        }
    }

    private void CheckEmbedded(byte[] bytes, int embedOffset, FrameRejection expected)
    {
        if (bytes.Length + embedOffset + 16 > embedded.Length) return;
        // Noise around the input that differs from it, so that a read past either end changes the answer.
        Array.Fill(embedded, (byte)0xFF);
        bytes.CopyTo(embedded, embedOffset);
        // Both parses start from the sentinel: fields of other kinds keep it in both.
        embeddedFrame.CopyFrom(sentinel);
        FrameCodec.TryParse(embedded, embedOffset, bytes.Length, embeddedFrame, out FrameRejection reason);
        if (reason != expected) Fail($"at offset {embedOffset} the parser said {reason}, at 0 {expected}");
        if (reason == FrameRejection.None && !FrameSnapshot.Of(embeddedFrame).AsSpan().SequenceEqual(FrameSnapshot.Of(frame)))
        {
            Fail($"at offset {embedOffset} the parser read different fields");
        }
    }

    /// <summary>A window that does not fit the buffer is BufferOutOfRange, never an exception, for any bytes.</summary>
    private void CheckWindowOutside(byte[] bytes)
    {
        frame.CopyFrom(sentinel);
        if (FrameCodec.TryParse(bytes, 1, bytes.Length, frame, out FrameRejection past) || past != FrameRejection.BufferOutOfRange) Fail($"a window one byte past the end gave {past}");
        if (FrameCodec.Check(bytes, -1, bytes.Length) != FrameRejection.BufferOutOfRange) Fail("a negative offset was not BufferOutOfRange");
        if (FrameCodec.Check(bytes, 0, -1) != FrameRejection.BufferOutOfRange) Fail("a negative length was not BufferOutOfRange");
        if (!FrameSnapshot.Of(frame).AsSpan().SequenceEqual(SentinelSnapshot)) Fail("an out-of-range window changed the target frame");
    }

    private static void Fail(string message) => throw new FuzzInvariantException(message);
}
