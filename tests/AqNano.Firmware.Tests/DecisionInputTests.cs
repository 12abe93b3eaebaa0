using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Tests.Fakes;
using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Tests;

/// <summary>Bad input on the decision topic is ignored, counted, changes no state and never stops the loop.</summary>
public sealed class DecisionInputTests
{
    private static (TestDevice Device, List<byte[]> Frames) Admitted()
    {
        var device = new TestDevice(seed: 21);
        device.Agent.Boot();
        device.RunFrames(3);
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[2], DecisionMode.AdmitRestricted, Scopes.Observe | Scopes.Telemetry));
        device.Agent.Step();
        return (device, frames);
    }

    private static void AssertUnchangedAndRunning(TestDevice device, uint ackedSeq, int kept)
    {
        Assert.Equal(ackedSeq, device.Agent.AckedSeq);
        Assert.Equal(DecisionMode.AdmitRestricted, device.Agent.Mode);
        Assert.Equal(kept, device.Agent.KeptFrames);
        uint seq = device.Agent.LastSeq;
        device.RunFrames(2);
        Assert.Equal(seq + 2, device.Agent.LastSeq);
        Assert.Equal(AgentStatus.Running, device.Agent.Status);
    }

    public static TheoryData<string> Cases => new() { "malformed", "truncated", "wrong kind", "foreign", "oversized", "unknown topic", "other epoch", "mode out of range" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_counted_and_ignored(string kind)
    {
        var (device, frames) = Admitted();
        Frame last = TestDevice.Parse(frames[2]);
        byte[] good = device.DecisionFor(frames[2], DecisionMode.Refused, Scopes.Observe);
        string topic = device.Agent.DecisionTopic;
        byte[] payload;
        switch (kind)
        {
            case "malformed": payload = (byte[])good.Clone(); payload[0] = 0x42; break;
            case "truncated": payload = good[..40]; break;
            case "wrong kind": payload = frames[2]; break;
            case "foreign":
                last.DeviceId ^= 1;
                payload = TestDevice.Decision(last, DecisionMode.Refused, Scopes.Observe);
                break;
            case "oversized": payload = new byte[4096]; good.CopyTo(payload, 0); break;
            case "unknown topic": payload = good; topic = device.Agent.DecisionTopic + "/x"; break;
            case "other epoch":
                last.Epoch ^= 0xFFFF;
                payload = TestDevice.Decision(last, DecisionMode.Refused, Scopes.Observe);
                break;
            default: payload = (byte[])good.Clone(); payload[FrameLayout.ModeOffset] = 9; break;
        }
        device.Uplink.Deliver(topic, payload);
        device.Agent.Step();
        Assert.Equal(1, device.Agent.Counters.Ignored);
        AssertUnchangedAndRunning(device, 2, 1);
    }

    [Fact]
    public void Telemetry_flows_only_while_granted_and_commands_only_under_actuate()
    {
        var (device, _) = Admitted();
        device.RunFrames(1);
        Assert.Single(device.Uplink.Published, m => m.Topic == device.Agent.TelemetryTopic);
        // The v1 channels a broker routes (its AppChannel reads the same constants): a command anywhere else
        // could never reach the board.
        Assert.Equal(Topics.Application(device.Agent.DeviceId, Topics.TelemetryChannel), device.Agent.TelemetryTopic);
        Assert.Equal(Topics.Application(device.Agent.DeviceId, Topics.ActuateChannel), device.Agent.CommandTopic);

        device.Uplink.Deliver(device.Agent.CommandTopic, [1]);
        device.Agent.Step();
        Assert.Equal(0, device.Actuator.Executed);
        Assert.Equal(1, device.Agent.Counters.CommandsRefused);

        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1], DecisionMode.AdmitFull, Scopes.Observe | Scopes.Actuate));
        device.Uplink.Deliver(device.Agent.CommandTopic, [1]);
        device.Agent.Step();
        Assert.Equal(1, device.Actuator.Executed);
        device.RunFrames(1);
        Assert.Single(device.Uplink.Published, m => m.Topic == device.Agent.TelemetryTopic);
    }

    [Fact]
    public void Refused_slows_the_cadence_but_keeps_the_chain()
    {
        var (device, _) = Admitted();
        var frames = device.ObservationFrames();
        device.Uplink.Deliver(device.Agent.DecisionTopic, device.DecisionFor(frames[^1], DecisionMode.Refused, Scopes.Observe));
        device.Clock.Advance(10_000_000);
        device.Agent.Step();
        Assert.Equal(AgentStatus.BackingOff, device.Agent.Status);
        ulong now = device.Clock.Now;
        Assert.InRange(device.Agent.NextWakeUs - now, 59_000_000UL, 60_100_000UL);
        Assert.DoesNotContain(device.Uplink.Published, m => m.Topic == device.Agent.TelemetryTopic && m.Payload.Length > 0
            && BitConverter.ToUInt32(m.Payload, 0) > frames.Count - 1 + 1);
    }
}
