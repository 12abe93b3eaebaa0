using System.Security.Cryptography;
using System.Text;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Tests;

/// <summary>DESIGN.md "The chain" written again from the equations with .NET's HMACSHA256 and
/// BinaryPrimitives, sharing no code with ChainMath, to recompute a device's frames from its raw_n.</summary>
public sealed class IndependentChain(ulong deviceId, ulong epoch)
{
    private byte[] _state = [];
    private byte[] _key = new byte[32];

    private static byte[] K(byte[] key, byte[] message) => HMACSHA256.HashData(key, message);
    private static byte[] Label(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Recomputes frame seq from raw and checks every link field of the device's bytes.</summary>
    public void CheckNext(byte[] raw, byte[] deviceFrame)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(deviceFrame, 0, deviceFrame.Length, frame, out _));
        byte[] mix = K(Label("AQ1/mix"), raw);
        byte[] reveal;
        if (frame.Seq == 0)
        {
            var seedMessage = new byte[48];
            BitConverter.TryWriteBytes(seedMessage.AsSpan(0, 8), deviceId);
            BitConverter.TryWriteBytes(seedMessage.AsSpan(8, 8), epoch);
            mix.CopyTo(seedMessage, 16);
            _state = K(Label("AQ1/seed"), seedMessage);
            reveal = new byte[32];
        }
        else
        {
            byte[] message = [.. Label("AQ1/state"), .. BitConverter.GetBytes(frame.Seq), .. BitConverter.GetBytes(frame.UptimeUs), .. mix];
            _state = K(_state, message);
            reveal = _key;
        }
        _key = K(_state, Label("AQ1/key"));
        byte[] commit = K(_key, Label("AQ1/commit"));
        byte[] digest = K(Label("AQ1/frame"), deviceFrame[..^32]);
        byte[] tag = K(_key, [.. Label("AQ1/tag"), .. digest]);
        Assert.Equal(deviceId, frame.DeviceId);
        Assert.Equal(epoch, frame.Epoch);
        Assert.Equal(reveal, frame.Reveal);
        Assert.Equal(commit, frame.Commit);
        Assert.Equal(tag, frame.Tag);
    }
}
