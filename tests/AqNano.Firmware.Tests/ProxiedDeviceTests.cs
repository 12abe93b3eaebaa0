using AqNano.Firmware.Core.Proxied;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests;

/// <summary>The proxied-device role (docs/ADOPTION.md "Gateway-mediated retrofit"): a gateway keeps a v1 chain for a plain
/// device from its observed behaviour, with its own entropy, allocation-free in steady state.</summary>
public sealed class ProxiedDeviceTests
{
    private const ulong GatewayId = 0x1122334455667788;
    private static readonly ChainMath Math = new(new HostHmacSha256());

    [Fact]
    public void The_proxied_id_is_deterministic_bound_to_the_gateway_and_apart_from_chip_ids()
    {
        byte[] topic = ProxiedIdentity.AddressBytes("plant/7/temperature");
        ulong id = ProxiedIdentity.DeviceIdOf(Math.Hmac, GatewayId, topic, 0, topic.Length);

        Assert.Equal(id, ProxiedIdentity.DeviceIdOf(Math.Hmac, GatewayId, topic, 0, topic.Length));
        Assert.NotEqual(id, ProxiedIdentity.DeviceIdOf(Math.Hmac, GatewayId + 1, topic, 0, topic.Length));
        byte[] other = ProxiedIdentity.AddressBytes("plant/8/temperature");
        Assert.NotEqual(id, ProxiedIdentity.DeviceIdOf(Math.Hmac, GatewayId, other, 0, other.Length));
        // An independent computation: first 8 bytes of HMAC-SHA256(key "AQ1/proxied", gatewayId LE || address).
        byte[] message = BitConverter.GetBytes(GatewayId).Concat(System.Text.Encoding.UTF8.GetBytes("plant/7/temperature")).ToArray();
        byte[] expected = System.Security.Cryptography.HMACSHA256.HashData("AQ1/proxied"u8.ToArray(), message);
        Assert.Equal(BitConverter.ToUInt64(expected, 0), id);
        Assert.NotEqual(id, Math.DeviceId(message, 0, message.Length));
    }

    [Theory]
    [InlineData("plant/7/temperature")]
    [InlineData("halle/kühlraum/°C")]
    [InlineData("站点/温度")]
    [InlineData("plant/\U0001F321/t")]
    public void An_address_is_its_topics_utf8_bytes(string topic)
    {
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(topic), ProxiedIdentity.AddressBytes(topic));
    }

    [Fact]
    public void Its_frames_form_a_v1_chain_on_the_proxied_devices_topic()
    {
        ProxiedDevice device = NewDevice("plant/1/temperature");
        var frames = new List<byte[]>();
        ulong now = 1_000_000;
        var entropy = new Random(5);
        for (int n = 0; n < 6; n++)
        {
            for (int m = 0; m < 4; m++) { now += 2_000_000; device.Observe(now, 21_000 + m * 10, false, 0); }
            Assert.True(device.TryMakeFrame(now, Entropy(entropy), 0, 32));
            frames.Add(device.FrameBytes.AsSpan(0, device.FrameLength).ToArray());
            device.MarkSent();
        }

        Assert.Equal(TopicKind.Observation, Topics.Classify(device.ObservationTopic, out ulong topicId));
        Assert.Equal(device.DeviceId, topicId);
        var parsed = frames.Select(Parse).ToList();
        Assert.Equal(FrameKind.Genesis, parsed[0].Kind);
        Assert.Equal(ResetCause.Unknown, parsed[0].ResetCause);
        var digest = new byte[32];
        for (int n = 1; n < parsed.Count; n++)
        {
            Assert.Equal(FrameKind.Observation, parsed[n].Kind);
            Assert.Equal((uint)n, parsed[n].Seq);
            Assert.Equal(parsed[0].Epoch, parsed[n].Epoch);
            Assert.True(Math.Opens(parsed[n].Reveal, 0, parsed[n - 1].Commit, 0), $"seq {n} does not open seq {n - 1}'s commitment");
            Math.FrameDigest(frames[n - 1], 0, frames[n - 1].Length - 32, digest, 0);
            Assert.True(Math.TagMatches(parsed[n].Reveal, 0, digest, 0, parsed[n - 1].Tag, 0), $"seq {n - 1}'s delayed tag fails");
        }
    }

    [Fact]
    public void The_feature_slots_carry_reading_statistics_signal_and_cadence_in_milliseconds()
    {
        ProxiedDevice device = NewDevice("plant/2/humidity");
        device.Observe(10_000_000, 40_000, true, -60);
        device.TryMakeFrame(10_000_000, new byte[32], 0, 32);
        device.MarkSent();
        // Window: readings 10, 20, 30 (mean 20, population sd sqrt(200/3)); arrivals 2 s, 4 s after the last one.
        device.Observe(12_000_000, 10_000, true, -50);
        device.Observe(16_000_000, 20_000, true, -70);
        device.Observe(18_000_000, 30_000, false, 0);
        Assert.True(device.TryMakeFrame(18_000_000, new byte[32], 0, 32));
        Frame f = Parse(device.FrameBytes.AsSpan(0, device.FrameLength).ToArray());

        Assert.Equal(0x1F, f.FeatureMask);
        Assert.Equal(20_000, f.Features[Features.AdcMean]);
        Assert.Equal(Features.ToWire(System.Math.Sqrt(200.0 / 3)), f.Features[Features.AdcStdDev]);
        Assert.Equal(-60_000, f.Features[Features.AdcLsbOnesRatio]);
        Assert.Equal(Features.ToWire((2000 + 4000 + 2000) / 3.0), f.Features[Features.JitterMeanUs]);
        Assert.Equal(Features.ToWire(System.Math.Sqrt(((2000 - 8000 / 3.0) * (2000 - 8000 / 3.0) * 2 + (4000 - 8000 / 3.0) * (4000 - 8000 / 3.0)) / 3)),
                     f.Features[Features.JitterStdDevUs]);
    }

    [Fact]
    public void No_new_frame_while_the_last_is_unacknowledged_and_a_restart_opens_a_new_epoch()
    {
        ProxiedDevice device = NewDevice("plant/3/temperature");
        var entropy = new Random(7);
        device.Observe(1_000, 1, false, 0);
        Assert.True(device.TryMakeFrame(1_000, Entropy(entropy), 0, 32));
        byte[] genesis = device.FrameBytes.AsSpan(0, device.FrameLength).ToArray();
        device.Observe(2_000, 1, false, 0);

        Assert.False(device.TryMakeFrame(2_000, Entropy(entropy), 0, 32));
        Assert.Equal(genesis, device.FrameBytes.AsSpan(0, device.FrameLength).ToArray());
        Assert.False(device.TryMakeFrame(2_000, new byte[16], 0, 16));
        device.MarkSent();
        Assert.False(device.TryMakeFrame(2_000, new byte[16], 0, 16));
        Assert.True(device.TryMakeFrame(3_000, Entropy(entropy), 0, 32));
        Assert.Equal(1u, device.LastSeq);
        ulong epoch = device.Epoch;
        device.MarkSent();

        device.Restart();
        Assert.True(device.TryMakeFrame(4_000, Entropy(entropy), 0, 32));
        Frame fresh = Parse(device.FrameBytes.AsSpan(0, device.FrameLength).ToArray());
        Assert.Equal(FrameKind.Genesis, fresh.Kind);
        Assert.NotEqual(epoch, fresh.Epoch);
    }

    [Fact]
    public void The_same_messages_with_other_gateway_entropy_give_another_chain()
    {
        ProxiedDevice a = NewDevice("plant/4/temperature"), b = NewDevice("plant/4/temperature");
        a.Observe(5, 1, false, 0);
        b.Observe(5, 1, false, 0);
        a.TryMakeFrame(5, Enumerable.Repeat((byte)1, 32).ToArray(), 0, 32);
        b.TryMakeFrame(5, Enumerable.Repeat((byte)2, 32).ToArray(), 0, 32);
        Assert.Equal(a.DeviceId, b.DeviceId);
        Assert.NotEqual(Parse(a.FrameBytes.AsSpan(0, a.FrameLength).ToArray()).Commit, Parse(b.FrameBytes.AsSpan(0, b.FrameLength).ToArray()).Commit);
    }

    [Fact]
    public void A_steady_state_window_allocates_nothing()
    {
        ProxiedDevice device = NewDevice("plant/5/temperature");
        byte[] entropy = new byte[32];
        ulong now = 0;
        void Window()
        {
            for (int m = 0; m < 20; m++) { now += 1_000_000; device.Observe(now, (int)(now % 977), true, -40); }
            entropy[0]++;
            device.TryMakeFrame(now, entropy, 0, 32);
            device.MarkSent();
        }
        for (int i = 0; i < 5; i++) Window();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) Window();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(205u - 1, device.LastSeq);
        Assert.Equal(0, allocated);
    }

    private static ProxiedDevice NewDevice(string topic)
    {
        byte[] address = ProxiedIdentity.AddressBytes(topic);
        return new ProxiedDevice(Math, GatewayId, address, 0, address.Length, Scopes.Telemetry);
    }

    private static byte[] Entropy(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }

    private static Frame Parse(byte[] bytes)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out FrameRejection rejection), rejection.ToString());
        return frame;
    }
}
