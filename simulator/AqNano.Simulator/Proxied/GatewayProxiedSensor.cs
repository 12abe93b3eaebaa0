using AqNano.Firmware.Core.Proxied;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Models;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Proxied;

/// <summary>A gateway board's proxied-device role for one plain sensor (docs/ADOPTION.md "Gateway-mediated retrofit"): each of the
/// sensor's messages reaches the gateway over its local bus and becomes an observation of the Core's
/// <see cref="ProxiedDevice"/>, timed by the gateway's own clock; every interval the gateway makes the sensor's next
/// frame and publishes it on the sensor's obs topic over the gateway's own connection, resending the same bytes until
/// acknowledged. A gateway reboot loses its RAM, so the sensor's chain starts a new epoch. The gateway's entropy is
/// drawn from the run's seeded random here (a board's sampler mix in firmware, the OS's generator on a host).</summary>
public sealed class GatewayProxiedSensor
{
    private readonly SimulatedBoard _gateway;
    private readonly PlainSensor _sensor;
    private readonly ProxiedDevice _device;
    private readonly ISimulationScheduler _scheduler;
    private readonly SeededRandom _entropyRandom;
    private readonly byte[] _entropy = new byte[ProxiedChain.EntropySize];
    private readonly long _intervalUs;
    private int _boot;

    public GatewayProxiedSensor(SimulatedBoard gateway, ulong gatewayId, string topic, PlainSensor sensor, ISimulationScheduler scheduler,
                                SeededRandom entropy, long intervalUs, ushort requestedScope)
    {
        _gateway = gateway;
        _sensor = sensor;
        _scheduler = scheduler;
        _entropyRandom = entropy;
        _intervalUs = intervalUs;
        Topic = topic;
        byte[] address = ProxiedIdentity.AddressBytes(topic);
        _device = new ProxiedDevice(new ChainMath(new AqNano.Protocol.Host.HostHmacSha256()), gatewayId, address, 0, address.Length, requestedScope);
    }

    public SimulatedBoard Gateway => _gateway;
    public string Topic { get; }
    public ulong DeviceId => _device.DeviceId;
    public long MessagesSeen { get; private set; }
    public long FramesAcknowledged { get; private set; }

    /// <summary>First message at <paramref name="firstMessageUs"/>, first frame one interval after <paramref name="firstFrameUs"/>.</summary>
    public void Start(long firstMessageUs, long firstFrameUs)
    {
        _scheduler.At(firstMessageUs, Message);
        _scheduler.At(firstFrameUs, FrameTick);
    }

    private void Message()
    {
        long now = _scheduler.NowUs;
        if (_gateway.IsRunning)
        {
            FollowBoot();
            _device.Observe(_gateway.Hardware.Clock.NowUs, _sensor.ReadingMilli(now), _sensor.HasSignal, _sensor.SignalDbm());
            MessagesSeen++;
        }
        _scheduler.At(now + _sensor.NextPeriodUs(now), Message);
    }

    private void FrameTick()
    {
        if (_gateway.IsRunning && _gateway.Uplink != null)
        {
            FollowBoot();
            if (!_device.HasUnsent && _device.ObservationsInWindow > 0)
            {
                _entropyRandom.Fill(_entropy, 0, _entropy.Length);
                _device.TryMakeFrame(_gateway.Hardware.Clock.NowUs, _entropy, 0, _entropy.Length);
            }
            if (_device.HasUnsent && _gateway.Uplink.Publish(_device.ObservationTopic, _device.FrameBytes, 0, _device.FrameLength, false))
            {
                _device.MarkSent();
                FramesAcknowledged++;
            }
        }
        _scheduler.At(_scheduler.NowUs + _intervalUs, FrameTick);
    }

    /// <summary>A reboot of the gateway lost the sensor's chain with the rest of its RAM.</summary>
    private void FollowBoot()
    {
        if (_boot == _gateway.BootCount) return;
        if (_boot != 0) _device.Restart();
        _boot = _gateway.BootCount;
    }
}
