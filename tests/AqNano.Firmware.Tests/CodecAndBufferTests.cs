using AqNano.Firmware.Core.Agent;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Tests;

public sealed class CodecAndBufferTests
{
    [Fact]
    public void A_beacon_round_trips_and_anything_else_is_refused()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var buffer = new byte[BeaconCodec.Size + 4];
        Assert.Equal(55, BeaconCodec.Write(buffer, 2, 0x1122334455667788UL, 42UL, 7u, digest, 0));
        var read = new byte[32];
        Assert.True(BeaconCodec.TryRead(buffer, 2, BeaconCodec.Size, out ulong id, out ulong epoch, out uint seq, read, 0));
        Assert.Equal((0x1122334455667788UL, 42UL, 7u), (id, epoch, seq));
        Assert.Equal(digest, read);
        Assert.False(BeaconCodec.TryRead(buffer, 2, BeaconCodec.Size - 1, out _, out _, out _, read, 0));
        buffer[2] = 0x42;
        Assert.False(BeaconCodec.TryRead(buffer, 2, BeaconCodec.Size, out _, out _, out _, read, 0));
    }

    [Fact]
    public void Telemetry_carries_seq_mask_and_the_present_features_in_bit_order()
    {
        var features = new int[Features.Count];
        features[Features.AdcMean] = 2048123;
        features[Features.TemperatureC] = -5250;
        var buffer = new byte[TelemetryCodec.MaxSize];
        ushort mask = (1 << Features.AdcMean) | (1 << Features.TemperatureC);
        int length = TelemetryCodec.Write(buffer, 9u, mask, features);
        Assert.Equal(6 + 8, length);
        Assert.Equal(9u, BitConverter.ToUInt32(buffer, 0));
        Assert.Equal(mask, BitConverter.ToUInt16(buffer, 4));
        Assert.Equal(2048123, BitConverter.ToInt32(buffer, 6));
        Assert.Equal(-5250, BitConverter.ToInt32(buffer, 10));
    }

    [Fact]
    public void The_sent_buffer_keeps_the_newest_frames_and_copies_like_a_ram_dump()
    {
        var buffer = new SentFrameBuffer(3);
        for (uint seq = 0; seq < 5; seq++)
        {
            int slot = buffer.Reserve();
            buffer.FrameBytes(slot)[0] = (byte)seq;
            buffer.Commit(slot, seq, 1);
        }
        Assert.Equal(3, buffer.Count);
        Assert.Equal(-1, buffer.Find(1));
        Assert.True(buffer.Find(4) >= 0);
        buffer.MarkSent(buffer.Find(3));
        var copy = new SentFrameBuffer(2);
        copy.CopyFrom(buffer);
        Assert.Equal(2, copy.Count);
        Assert.Equal(3u, copy.Seq(copy.SlotAt(0)));
        Assert.False(copy.NeedsSend(copy.SlotAt(0)));
        Assert.True(copy.NeedsSend(copy.SlotAt(1)));
        Assert.Equal(4, copy.FrameBytes(copy.SlotAt(1))[0]);
        buffer.DropBefore(4);
        Assert.Equal(1, buffer.Count);
    }
}
