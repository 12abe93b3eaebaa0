using AqNano.Firmware.Core.Proxied;
using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests;

/// <summary>A board's proxied-device role: its plain devices' chains fed by the board's own health-tested entropy,
/// published over its uplink in order, resent until acknowledged, allocation-free in steady state.</summary>
public sealed class ProxiedRoleTests
{
    private const ulong IntervalUs = 10_000_000;

    [Fact]
    public void Each_device_gets_its_chain_from_the_boards_own_sampler_over_the_boards_uplink()
    {
        var board = new TestDevice(seed: 41);
        var role = new ProxiedRole(board.Settings, board.Ports, gatewayId: 0x0102030405060708, capacity: 2);
        byte[] a = ProxiedIdentity.AddressBytes("modbus/1"), b = ProxiedIdentity.AddressBytes("modbus/2");
        ProxiedDevice first = role.Add(a, 0, a.Length)!, second = role.Add(b, 0, b.Length)!;
        Assert.Null(role.Add(a, 0, a.Length));

        for (int window = 0; window < 4; window++)
        {
            for (int m = 0; m < 5; m++)
            {
                board.Clock.Advance(IntervalUs / 5);
                first.Observe(board.Clock.NowUs, 20_000 + m, false, 0);
                if (window != 1) second.Observe(board.Clock.NowUs, 5_000, true, -70);
            }
            role.Step();
        }

        var firstFrames = board.Uplink.Frames(first.ObservationTopic).Select(Parse).ToList();
        var secondFrames = board.Uplink.Frames(second.ObservationTopic).Select(Parse).ToList();
        Assert.Equal(4, firstFrames.Count);
        Assert.Equal(3, secondFrames.Count); // a window without messages makes no frame
        Assert.Equal(FrameKind.Genesis, firstFrames[0].Kind);
        var math = new ChainMath(new HostHmacSha256());
        for (int n = 1; n < firstFrames.Count; n++) Assert.True(math.Opens(firstFrames[n].Reveal, 0, firstFrames[n - 1].Commit, 0));
        Assert.Equal(-70_000, secondFrames[1].Features[Features.AdcLsbOnesRatio]);
        // The mix behind each frame came from the board's own noise channel.
        Assert.True(board.Adc.LogCount > 0);
        Assert.Equal(AqNano.Firmware.Core.Sampling.EntropyFault.None, role.Fault);
    }

    [Fact]
    public void A_source_that_fails_its_health_test_makes_no_frame()
    {
        var board = new TestDevice(seed: 44);
        var role = new ProxiedRole(board.Settings, board.Ports, 7, 1);
        byte[] address = ProxiedIdentity.AddressBytes("plant/1/t");
        ProxiedDevice device = role.Add(address, 0, address.Length)!;
        board.Adc.Stuck = 1234;
        for (int i = 0; i < 5; i++)
        {
            board.Clock.Advance(IntervalUs);
            device.Observe(board.Clock.NowUs, 1, false, 0);
            role.Step();
        }
        Assert.Empty(board.Uplink.Frames(device.ObservationTopic));
        Assert.NotEqual(AqNano.Firmware.Core.Sampling.EntropyFault.None, role.Fault);
    }

    [Fact]
    public void An_unacknowledged_frame_is_resent_byte_for_byte_and_nothing_newer_is_made()
    {
        var board = new TestDevice(seed: 42);
        var role = new ProxiedRole(board.Settings, board.Ports, 7, 1);
        byte[] address = ProxiedIdentity.AddressBytes("plant/1/t");
        ProxiedDevice device = role.Add(address, 0, address.Length)!;
        device.Observe(board.Clock.NowUs, 1, false, 0);
        role.Step();
        board.Clock.Advance(IntervalUs);
        device.Observe(board.Clock.NowUs, 2, false, 0);
        board.Uplink.FailNextPublishes = 2;

        role.Step();
        board.Clock.Advance((ulong)board.Settings.RetryIntervalMs * 1000);
        device.Observe(board.Clock.NowUs, 3, false, 0);
        role.Step();
        board.Clock.Advance((ulong)board.Settings.RetryIntervalMs * 1000);
        role.Step();

        var attempts = board.Uplink.Published.Where(m => m.Topic.EndsWith(device.ObservationTopic)).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.Equal(attempts[1].Payload, attempts[2].Payload);
        Assert.Equal(attempts[1].Payload, attempts[3].Payload);
        Assert.Equal(1u, Parse(attempts[3].Payload).Seq);
        Assert.Equal(2, role.PublishFailures);
    }

    [Fact]
    public void A_steady_state_step_allocates_nothing()
    {
        var board = new TestDevice(seed: 43);
        var role = new ProxiedRole(board.Settings, board.Ports, 9, 4);
        for (int d = 0; d < 4; d++)
        {
            byte[] address = ProxiedIdentity.AddressBytes($"plant/{d}/t");
            role.Add(address, 0, address.Length);
        }
        void Window()
        {
            for (int m = 0; m < 10; m++)
            {
                board.Clock.Advance(IntervalUs / 10);
                for (int d = 0; d < role.Count; d++) role.Device(d).Observe(board.Clock.NowUs, m * 7 + d, true, -50 - d);
            }
            role.Step();
        }
        for (int i = 0; i < 5; i++) Window();
        board.Uplink.Record = false;
        board.Raw.Record = false;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Window();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(105 * 4, role.FramesPublished);
        Assert.Equal(0, allocated);
    }

    private static Frame Parse(byte[] bytes)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out FrameRejection rejection), rejection.ToString());
        return frame;
    }
}
