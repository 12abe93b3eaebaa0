using AqNano.Firmware.Core.Continuity;
using AqNano.Firmware.Core.Sampling;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>Makes the next link of the device's chain into the sent-frame buffer: Genesis from
    /// the boot's pooled raw (mix_0 in <see cref="GenesisMix"/>), Observations and a gateway's
    /// Witness frames from a fresh sampling pass each (DESIGN.md "The chain": fresh entropy enters
    /// S at every event). Allocation-free.</summary>
    public sealed class FrameMaker
    {
        private readonly DeviceSettings _settings;
        private readonly DevicePorts _ports;
        private readonly ChainMath _math;
        private readonly ChainEngine _chain;
        private readonly EntropySampler _sampler;
        private readonly SentFrameBuffer _sent;
        private readonly AgentCounters _counters;
        private readonly Frame _frame = new Frame();
        private readonly byte[] _mix = new byte[ChainMath.DigestSize];
        private readonly byte[] _genesisMix = new byte[ChainMath.DigestSize];

        public FrameMaker(DeviceSettings settings, DevicePorts ports, ChainMath math, ChainEngine chain,
                          EntropySampler sampler, SentFrameBuffer sent, AgentCounters counters)
        {
            _settings = settings;
            _ports = ports;
            _math = math;
            _chain = chain;
            _sampler = sampler;
            _sent = sent;
            _counters = counters;
        }

        /// <summary>mix_0 of the current epoch, set when the boot's pool reached the threshold.</summary>
        public byte[] GenesisMix { get { return _genesisMix; } }

        /// <summary>The frame just made (its fields), for telemetry.</summary>
        public Frame LastFrame { get { return _frame; } }

        /// <summary>The sent-buffer slot holding the frame just made.</summary>
        public int LastSlot { get; private set; }

        /// <summary>Genesis at seq 0 (flags 0, with the reset cause), else the next Observation carrying
        /// <paramref name="flags"/>. False when a source failed its health test (the sampler says which).</summary>
        public bool MakeChainFrame(ulong deviceId, byte flags, ResetCause genesisCause)
        {
            bool genesis = !_chain.HasLinks;
            uint seq = genesis ? 0 : _chain.LastSeq + 1;
            if (!genesis && !SampleEvent(seq)) return false;
            _frame.Kind = genesis ? FrameKind.Genesis : FrameKind.Observation;
            FillHeader(deviceId, seq);
            _frame.Flags = genesis ? (byte)0 : flags;
            _frame.ResetCause = genesis ? genesisCause : ResetCause.Unknown;
            _frame.RequestedScope = (ushort)((_settings.RequestedScope | Scopes.Observe) & Scopes.All);
            _frame.FeatureMask = FeatureCalculator.Compute(_sampler.AdcSamples, _sampler.AdcSamples.Length,
                _sampler.TimingSamples, _sampler.TimingSamples.Length, _sampler.SensorOk, _sampler.TemperatureMilliC,
                _sampler.HumidityMilliPercent, _sampler.FreeBytes, _frame.Features);
            Seal(genesis ? _genesisMix : _mix);
            return true;
        }

        /// <summary>A Witness frame for the oldest heard beacon, on the device's own chain (path radio).</summary>
        public bool MakeWitnessFrame(ulong deviceId, HeardBeacons heard)
        {
            uint seq = _chain.LastSeq + 1;
            if (!SampleEvent(seq)) return false;
            int slot = heard.Oldest;
            _frame.Kind = FrameKind.Witness;
            FillHeader(deviceId, seq);
            _frame.SubjectDeviceId = heard.DeviceId(slot);
            _frame.SubjectEpoch = heard.Epoch(slot);
            _frame.SubjectSeq = heard.Seq(slot);
            System.Array.Copy(heard.Digest(slot), _frame.SubjectFrameDigest, ChainMath.DigestSize);
            _frame.Rssi = heard.Rssi(slot);
            _frame.Path = WitnessPath.Radio;
            heard.RemoveOldest();
            Seal(_mix);
            _counters.WitnessesMade++;
            return true;
        }

        private bool SampleEvent(uint seq)
        {
            _sampler.BeginPool();
            if (!_sampler.SamplePass()) return false;
            if (_ports.RawTap != null) _ports.RawTap.Observe(seq, _sampler.Raw, 0, _sampler.RawLength);
            _math.Mix(_sampler.Raw, 0, _sampler.RawLength, _mix, 0);
            return true;
        }

        private void FillHeader(ulong deviceId, uint seq)
        {
            _frame.DeviceId = deviceId;
            _frame.Epoch = _chain.Epoch;
            _frame.Seq = seq;
            _frame.UptimeUs = _ports.Clock.NowUs;
        }

        private void Seal(byte[] mix)
        {
            int slot = _sent.Reserve();
            int length = _chain.MakeLink(_frame, mix, 0, _sent.FrameBytes(slot), 0, _sent.Digest(slot), 0);
            _sent.Commit(slot, _frame.Seq, length);
            _counters.FramesMade++;
            LastSlot = slot;
        }
    }
}
