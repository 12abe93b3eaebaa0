using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests;

public sealed class WitnessAndCloneTests
{
    [Fact]
    public void A_gateway_reports_each_heard_beacon_in_a_witness_frame_on_its_own_chain()
    {
        var air = new FakeAir();
        var device = new TestDevice(seed: 41, radio: air.Join());
        var gateway = new TestDevice(seed: 42, new DeviceSettings { Role = DeviceRole.Gateway, EventIntervalMs = 60_000 }, radio: air.Join());
        device.Agent.Boot();
        gateway.Agent.Boot();
        gateway.RunFrames(1);
        device.RunFrames(3);
        while (gateway.Agent.Counters.WitnessesMade < 3) gateway.StepToWake();

        var deviceFrames = device.ObservationFrames();
        var witnesses = gateway.ObservationFrames().Select(TestDevice.Parse).Where(f => f.Kind == FrameKind.Witness).ToList();
        Assert.Equal(3, witnesses.Count);
        var math = new ChainMath(new HostHmacSha256());
        for (int i = 0; i < 3; i++)
        {
            var digest = new byte[32];
            math.FrameDigest(deviceFrames[i], 0, deviceFrames[i].Length - 32, digest, 0);
            Assert.Equal(device.Agent.DeviceId, witnesses[i].SubjectDeviceId);
            Assert.Equal((uint)i, witnesses[i].SubjectSeq);
            Assert.Equal(digest, witnesses[i].SubjectFrameDigest);
            Assert.Equal(WitnessPath.Radio, witnesses[i].Path);
            Assert.Equal(gateway.Agent.DeviceId, witnesses[i].DeviceId);
        }
        // The gateway's own chain stays one chain across Genesis, Witness and Observation frames.
        var own = gateway.ObservationFrames().Select(TestDevice.Parse).ToList();
        for (int i = 1; i < own.Count; i++)
        {
            Assert.Equal(own[i - 1].Seq + 1, own[i].Seq);
            Assert.True(math.Opens(own[i].Reveal, 0, own[i - 1].Commit, 0));
        }
        // Beacons carry no frame and no reveal: 55 bytes of id, epoch, seq, digest.
        Assert.Equal(3, device.Agent.Counters.BeaconsSent);
    }

    [Fact]
    public void A_gateway_ignores_beacons_of_unregistered_subjects()
    {
        var air = new FakeAir();
        var device = new TestDevice(seed: 43, radio: air.Join());
        var gateway = new TestDevice(seed: 44, new DeviceSettings { Role = DeviceRole.Gateway, RegisteredSubjects = [12345UL] }, radio: air.Join());
        device.Agent.Boot();
        gateway.Agent.Boot();
        gateway.RunFrames(1);
        device.RunFrames(2);
        for (int i = 0; i < 5; i++) gateway.StepToWake();
        Assert.Equal(0, gateway.Agent.Counters.WitnessesMade);
        Assert.Equal(2, gateway.Agent.Counters.BeaconsIgnored);
    }

    [Fact]
    public void A_clone_from_a_ram_dump_continues_the_same_chain()
    {
        var original = new TestDevice(seed: 51);
        original.Agent.Boot();
        original.RunFrames(4);
        var clone = new TestDevice(seed: 52);
        clone.Agent.Boot();
        clone.Agent.CloneStateFrom(original.Agent);
        Assert.Equal(original.Agent.DeviceId, clone.Agent.DeviceId);
        Assert.Equal(original.Agent.Epoch, clone.Agent.Epoch);
        Assert.NotEqual(original.Agent.ClientId, clone.Agent.ClientId);

        clone.RunFrames(1);
        original.RunFrames(1);
        Frame fromClone = TestDevice.Parse(clone.ObservationFrames()[^1]);
        Frame fromOriginal = TestDevice.Parse(original.ObservationFrames()[^1]);
        Assert.Equal(fromOriginal.Seq, fromClone.Seq);
        Assert.Equal(fromOriginal.Reveal, fromClone.Reveal); // same reveal, different frame: a conflict
        Assert.NotEqual(fromOriginal.Commit, fromClone.Commit);
    }
}
