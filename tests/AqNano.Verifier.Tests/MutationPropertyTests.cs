using AqNano.Protocol;
using CsCheck;

namespace AqNano.Verifier.Tests;

/// <summary>Bad input gets a typed refusal and changes no state: any mutation of a valid frame (byte flips,
/// truncation) is either refused with the state bytes unchanged, or is a kept verdict; Judge never throws.</summary>
public class MutationPropertyTests
{
    [Fact]
    public void MutatedFramesAreRefusedWithoutChangingStateOrKeptAsEvidence()
    {
        Gen.Select(Gen.Int[0, 165], Gen.Byte[1, 255], Gen.Int[0, 3], Gen.Int[0, 40]).Sample((position, mask, kind, cut) =>
        {
            var h = new Harness();
            var device = TestDevice.Create(300);
            h.Run(device, 3);
            byte[] before = h.State(device);
            byte[] frame = device.Next();
            byte[] mutated = kind switch
            {
                0 => Flip(frame, position % frame.Length, mask),
                1 => frame[..Math.Max(0, frame.Length - 1 - cut)],
                2 => Flip(Flip(frame, position % frame.Length, mask), (position * 7 + 3) % frame.Length, mask),
                _ => [.. frame, (byte)mask],
            };
            Judgement j = h.Send(device, mutated, 5000);
            if (j.Mode == DecisionMode.Refused && j.DecisionFrame == null || j.Verdict == Verdict.Gap)
            {
                Assert.Equal(before, h.State(device));
                Assert.False(j.Forward);
            }
            else
            {
                // A flip outside the reveal leaves a valid next link whose tag will fail later: kept, never refused.
                Assert.Equal(Verdict.Next, j.Verdict);
            }
            Assert.Null(h.Ledger.Verify());
        }, iter: 400);
    }

    private static byte[] Flip(byte[] frame, int position, byte mask)
    {
        byte[] copy = (byte[])frame.Clone();
        copy[position] ^= mask;
        return copy;
    }
}
