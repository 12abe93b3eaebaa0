using AqNano.Protocol;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.Tests;

/// <summary>Per-device state: small, fixed, persisted after every judgement, unchanged by refused input.</summary>
public class StateTests
{
    [Fact]
    public void StateIsFixedAndAtMostOneKibibyte()
    {
        Assert.True(DeviceStateCodec.Size <= 1024, $"{DeviceStateCodec.Size} bytes");
        var h = new Harness();
        var device = TestDevice.Create(100);
        h.Run(device, 30);
        Assert.Equal(DeviceStateCodec.Size, h.State(device).Length);
        Assert.Equal(DeviceStateCodec.Size, DeviceStateCodec.Encode(new DeviceState()).Length);
    }

    [Fact]
    public void A_new_devices_view_shows_the_path_its_genesis_came_over()
    {
        // Found on the dashboard: a Genesis over TLS showed "Open" until the device's second frame.
        var h = new Harness();
        var device = TestDevice.Create(102);
        Assert.Equal(Verdict.Genesis, h.Send(device, device.Genesis(), 0, "device", PathMode.Confidential).Verdict);
        Assert.Equal(PathMode.Confidential, h.Verifier.Device(device.DeviceId)!.Path);
    }

    [Fact]
    public void StateRoundTripsByteForByte()
    {
        var h = new Harness();
        var device = TestDevice.Create(101);
        h.Run(device, 15);
        byte[] bytes = h.State(device);
        Assert.True(DeviceStateCodec.TryDecode(bytes, out DeviceState state));
        Assert.Equal(bytes, DeviceStateCodec.Encode(state));
        Assert.False(DeviceStateCodec.TryDecode(bytes[..^1], out _));
    }

    [Fact]
    public void AVerifierRestartedOnTheSameStoreContinuesTheChain()
    {
        var h = new Harness();
        var device = TestDevice.Create(102);
        Judgement before = h.Run(device, 12);
        var restarted = new FleetVerifier(h.Policy, new InMemoryLedger(), h.Clock, h.Store);
        Assert.Equal(before.Mode, restarted.Device(device.DeviceId)!.Mode);
        h.Clock.Advance(5000);
        Judgement next = restarted.Judge(new InboundFrame(device.Topic, device.Next(), h.Now, "device", PathMode.Open));
        Assert.Equal(Verdict.Next, next.Verdict);
        Assert.Equal(DecisionMode.AdmitFull, next.Mode);
    }

    [Fact]
    public void RefusedInputOfEveryKindLeavesTheStateUntouched()
    {
        var h = new Harness();
        var device = TestDevice.Create(103);
        h.Run(device, 8);
        byte[] before = h.State(device);
        byte[] next = device.Next();
        byte[] broken = (byte[])next.Clone();
        broken[Protocol.Frames.FrameLayout.ChainRevealOffset(device.FeatureMask)] ^= 1;
        byte[] ahead = device.Next();
        h.Send(device, broken, 10);
        h.Send(device, ahead, 10);
        h.Send(device, next[..50], 10);
        h.Send(device, new byte[] { 1, 2, 3 }, 10, topic: "aq/v1/dev/zz/obs");
        var impostor = new TestDevice(device.DeviceId, device.Epoch, 9);
        h.Send(impostor, impostor.Genesis(), 10);
        Assert.Equal(before, h.State(device));
        Assert.Equal(5, h.Judgements.TakeLast(5).Count(j => j.Mode == DecisionMode.Refused || j.Verdict == Verdict.Gap));
    }
}
