using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>One board made of fakes, with helpers to run it in virtual time.</summary>
public sealed class TestDevice
{
    public readonly FakeClock Clock;
    public readonly FakeAdc Adc;
    public readonly FakeRandom Random;
    public readonly FakeSensor Sensor = new();
    public readonly FakeUplink Uplink = new();
    public readonly FakeResetCause ResetCause;
    public readonly FakeMemory Memory = new();
    public readonly FakeStatus Status = new();
    public readonly FakeActuator Actuator = new();
    public readonly RawLog Raw = new();
    public readonly CountingHmac Hmac = new(new HostHmacSha256());
    public readonly DeviceSettings Settings;
    public readonly DevicePorts Ports;
    public DeviceAgent Agent;

    public TestDevice(ulong seed = 1, DeviceSettings? settings = null, ResetCause cause = Protocol.Frames.ResetCause.PowerOn,
                      byte[]? chipId = null, IBeaconRadio? radio = null, int clockResolutionUs = 1)
    {
        Clock = new FakeClock(seed * 3 + 1, clockResolutionUs);
        Adc = new FakeAdc(seed * 5 + 2);
        Random = new FakeRandom(seed * 7 + 3);
        ResetCause = new FakeResetCause(cause);
        Settings = settings ?? new DeviceSettings();
        Ports = new DevicePorts
        {
            NoiseChannels = new IAdcChannel[] { Adc },
            Clock = Clock,
            Random = Random,
            Sensor = Sensor,
            Uplink = Uplink,
            ResetCause = ResetCause,
            ChipId = new FakeChipId(chipId ?? new byte[] { 0x24, 0x0a, 0xc4, 0xa1, 0xb2, (byte)seed }),
            Memory = Memory,
            Status = Status,
            Hmac = Hmac,
            Actuator = Actuator,
            RawTap = Raw,
            Beacon = radio,
        };
        Agent = new DeviceAgent(Settings, Ports);
    }

    /// <summary>Reboot: a new agent on the same ports (RAM lost).</summary>
    public void Reboot(ResetCause cause)
    {
        ResetCause.Cause = cause;
        Agent = new DeviceAgent(Settings, Ports);
        Agent.Boot();
    }

    /// <summary>Steps until <paramref name="frames"/> more chain frames were made.</summary>
    public void RunFrames(int frames)
    {
        int target = Agent.Counters.FramesMade + frames;
        for (int guard = 0; Agent.Counters.FramesMade < target; guard++)
        {
            if (guard > frames * 20 + 100) throw new InvalidOperationException("agent made no progress: " + Agent.StatusText);
            StepToWake();
        }
    }

    /// <summary>Moves the clock to the agent's next wake time and steps once.</summary>
    public void StepToWake()
    {
        ulong wake = Agent.NextWakeUs;
        if (wake != ulong.MaxValue && wake > Clock.Now) Clock.Now = wake;
        Agent.Step();
    }

    public List<byte[]> ObservationFrames() => Uplink.Frames(Agent.ObservationTopic).ToList();

    public static Frame Parse(byte[] bytes)
    {
        var frame = new Frame();
        Assert.True(FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out var rejection), rejection.ToString());
        return frame;
    }

    /// <summary>A Decision as the verifier would publish it for <paramref name="acked"/>.</summary>
    public static byte[] Decision(Frame acked, DecisionMode mode, ushort granted, byte[]? digest = null)
    {
        var decision = new Frame
        {
            Kind = FrameKind.Decision, DeviceId = acked.DeviceId, Epoch = acked.Epoch, Seq = acked.Seq,
            UptimeUs = 1_700_000_000_000_000, Mode = mode, Reason = 0, GrantedScope = granted,
        };
        Array.Copy(digest ?? Digest(acked), decision.AckFrameDigest, 32);
        var bytes = new byte[FrameLayout.DecisionSize];
        FrameCodec.Write(decision, bytes, 0);
        return bytes;
    }

    public static byte[] Digest(Frame frame)
    {
        var bytes = new byte[frame.EncodedLength];
        FrameCodec.Write(frame, bytes, 0);
        var digest = new byte[32];
        new ChainMath(new HostHmacSha256()).FrameDigest(bytes, 0, bytes.Length - 32, digest, 0);
        return digest;
    }

    public byte[] DecisionFor(byte[] frameBytes, DecisionMode mode = DecisionMode.AdmitFull, ushort granted = Scopes.Observe | Scopes.Telemetry)
        => Decision(Parse(frameBytes), mode, granted);
}
