using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Sampling;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Proxied
{
    /// <summary>A board's proxied-device role (docs/ADOPTION.md "Gateway-mediated retrofit"), beside its own <see cref="DeviceAgent"/>:
    /// up to a fixed number of plain devices, each with a chain this board keeps for it. Their entropy is this
    /// board's own: a sampling pass of its noise ADC channels, loop timing and hardware random, health-tested as
    /// for its own chain (DESIGN.md "Entropy"), a Genesis only once the pool holds GenesisEntropyBits. Every
    /// interval, <see cref="Step"/> makes each device's next frame and publishes it on the device's obs topic over
    /// the board's own uplink, oldest first, resending the same bytes until acknowledged. Allocation-free after
    /// the devices are added.</summary>
    public sealed class ProxiedRole
    {
        private const int GenesisPoolPasses = 8;
        private const ulong MicrosecondsPerMillisecond = 1000;

        private readonly DeviceSettings _settings;
        private readonly DevicePorts _ports;
        private readonly ChainMath _math;
        private readonly EntropySampler _sampler;
        private readonly ProxiedDevice[] _devices;
        private readonly byte[] _mix = new byte[ChainMath.DigestSize];
        private readonly ulong _gatewayId;
        private ulong _nextFrameUs;

        public ProxiedRole(DeviceSettings settings, DevicePorts ports, ulong gatewayId, int capacity)
        {
            _settings = settings;
            _ports = ports;
            _gatewayId = gatewayId;
            _math = new ChainMath(ports.Hmac);
            _sampler = new EntropySampler(ports, settings.AdcSamplesPerEvent, settings.TimingSamplesPerEvent,
                settings.TimingLoopIterations, settings.AdcBitsPerSample, settings.TimingBitsPerSample,
                settings.RandomBitsPerByte, GenesisPoolPasses, _math);
            _devices = new ProxiedDevice[capacity];
        }

        public int Count { get; private set; }
        public EntropyFault Fault { get { return _sampler.Fault; } }
        public long FramesPublished { get; private set; }
        public long PublishFailures { get; private set; }

        public ProxiedDevice Device(int index)
        {
            return _devices[index];
        }

        /// <summary>Adds the device at <paramref name="address"/> (setup time: allocates); null when full.</summary>
        public ProxiedDevice Add(byte[] address, int offset, int length)
        {
            if (Count == _devices.Length) return null;
            ProxiedDevice device = new ProxiedDevice(_math, _gatewayId, address, offset, length, _settings.RequestedScope);
            _devices[Count++] = device;
            return device;
        }

        /// <summary>When due: each device with messages in its window gets its next frame, and every unsent frame is
        /// published. Stops at the first publish the broker did not acknowledge, so that order is kept. Returns the
        /// number of frames acknowledged in this pass.</summary>
        public int Step()
        {
            ulong now = _ports.Clock.NowUs;
            if (now < _nextFrameUs || !_ports.Uplink.IsConnected) return 0;
            _nextFrameUs = now + (ulong)_settings.EventIntervalMs * MicrosecondsPerMillisecond;
            int published = 0;
            for (int i = 0; i < Count; i++)
            {
                ProxiedDevice device = _devices[i];
                if (!device.HasUnsent && device.ObservationsInWindow > 0 && Sample(!device.HasGenesis))
                {
                    device.TryMakeFrame(_ports.Clock.NowUs, _mix, 0, ChainMath.DigestSize);
                }
                if (!device.HasUnsent) continue;
                if (!_ports.Uplink.Publish(device.ObservationTopic, device.FrameBytes, 0, device.FrameLength, false))
                {
                    PublishFailures++;
                    _nextFrameUs = now + (ulong)_settings.RetryIntervalMs * MicrosecondsPerMillisecond;
                    return published;
                }
                device.MarkSent();
                FramesPublished++;
                published++;
            }
            return published;
        }

        /// <summary>A health-tested sampling pass into mix_n; for a Genesis, passes until the pool holds the
        /// board's GenesisEntropyBits. False when a source failed its test or the pool stayed short.</summary>
        private bool Sample(bool genesis)
        {
            _sampler.BeginPool();
            int passes = genesis ? GenesisPoolPasses : 1;
            for (int pass = 0; pass < passes; pass++)
            {
                if (!_sampler.SamplePass()) return false;
                if (!genesis || _sampler.PooledBits >= _settings.GenesisEntropyBits) break;
            }
            if (genesis && _sampler.PooledBits < _settings.GenesisEntropyBits) return false;
            _math.Mix(_sampler.Raw, 0, _sampler.RawLength, _mix, 0);
            return true;
        }
    }
}
