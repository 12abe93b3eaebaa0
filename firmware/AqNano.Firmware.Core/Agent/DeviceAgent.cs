using AqNano.Firmware.Core.Continuity;
using AqNano.Firmware.Core.Sampling;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The device: boots, gathers entropy, builds its chain and delivers it exactly as
    /// DESIGN.md "Delivery" says, obeying the verifier's Decisions. Single-threaded and polled:
    /// the host calls <see cref="Step"/> at <see cref="NextWakeUs"/> (or when a message arrives);
    /// the board sleeps in between, the simulator schedules it in virtual time. After Boot, a
    /// steady-state Step allocates nothing.</summary>
    public sealed class DeviceAgent
    {
        private const int PoolPasses = 8;
        private const ulong MicrosecondsPerMillisecond = 1000;

        private readonly DeviceSettings _settings;
        private readonly DevicePorts _ports;
        private readonly ChainMath _math;
        private readonly ChainEngine _chain;
        private readonly EntropySampler _sampler;
        private readonly SentFrameBuffer _sent;
        private readonly DecisionTracker _decisions = new DecisionTracker();
        private readonly Inbox _inbox;
        private readonly BeaconListener _listener;
        private readonly HeardBeacons _heard;
        private readonly FrameMaker _maker;
        private readonly byte[] _beacon = new byte[BeaconCodec.Size];
        private readonly byte[] _telemetry = new byte[TelemetryCodec.MaxSize];
        private readonly byte[] _chipId = new byte[32];

        private string _observationTopic;
        private string _decisionTopic;
        private string _telemetryTopic;
        private string _commandTopic;
        private ResetCause _genesisCause;
        private bool _epochReady;
        private bool _decisionsSubscribed;
        private bool _commandsSubscribed;
        private bool _slowClockPending;
        private bool _divergencePending;
        private ulong _nextEventUs;
        private ulong _nextWakeUs;

        public DeviceAgent(DeviceSettings settings, DevicePorts ports)
        {
            _settings = settings;
            _ports = ports;
            _math = new ChainMath(ports.Hmac);
            _chain = new ChainEngine(_math);
            _sampler = new EntropySampler(ports, settings.AdcSamplesPerEvent, settings.TimingSamplesPerEvent,
                settings.TimingLoopIterations, settings.AdcBitsPerSample, settings.TimingBitsPerSample,
                settings.RandomBitsPerByte, PoolPasses, _math);
            _sent = new SentFrameBuffer(settings.ResendBufferFrames);
            Counters = new AgentCounters();
            _inbox = new Inbox(ports.Uplink, ports.Actuator, _decisions, Counters);
            _listener = new BeaconListener(ports.Beacon, settings.RegisteredSubjects, Counters);
            _heard = _listener.Heard;
            _maker = new FrameMaker(settings, ports, _math, _chain, _sampler, _sent, Counters);
            Status = AgentStatus.NotBooted;
            StatusText = StatusTexts.NotBooted;
        }

        public ulong DeviceId { get; private set; }
        public ulong Epoch { get { return _chain.Epoch; } }
        /// <summary>Seq of the last frame made in this epoch (0 before and at Genesis).</summary>
        public uint LastSeq { get { return _chain.LastSeq; } }
        /// <summary>True once this epoch's Genesis is made.</summary>
        public bool HasGenesis { get { return _chain.HasLinks; } }
        /// <summary>Fresh per boot, from the boot's entropy; null until the first 128 bits are pooled.</summary>
        public string ClientId { get; private set; }
        public AgentStatus Status { get; private set; }
        public string StatusText { get; private set; }
        public ResetCause BootResetCause { get; private set; }
        public AgentCounters Counters { get; private set; }
        public EntropyFault EntropyFault { get { return _sampler.Fault; } }
        public double PooledEntropyBits { get { return _sampler.PooledBits; } }
        public FrameRejection LastRejection { get { return _inbox.LastRejection; } }
        public DecisionMode Mode { get { return _decisions.Mode; } }
        public bool HasDecision { get { return _decisions.HasDecision; } }
        public ushort GrantedScope { get { return _decisions.GrantedScope; } }
        public uint AckedSeq { get { return _decisions.AckedSeq; } }
        /// <summary>Frames kept for resending (DESIGN.md "Delivery").</summary>
        public int KeptFrames { get { return _sent.Count; } }
        public string ObservationTopic { get { return _observationTopic; } }
        public string DecisionTopic { get { return _decisionTopic; } }
        public string TelemetryTopic { get { return _telemetryTopic; } }
        public string CommandTopic { get { return _commandTopic; } }
        /// <summary>Clock time at which Step next has work; ulong.MaxValue when stopped.</summary>
        public ulong NextWakeUs { get { return _nextWakeUs; } }

        /// <summary>Power-on: reads the chip id and reset cause, forgets every volatile state (RAM is
        /// new), and gathers entropy until the Genesis threshold, continuing in Step if short.</summary>
        public void Boot()
        {
            int chipLength = _ports.ChipId.Read(_chipId, 0);
            DeviceId = _math.DeviceId(_chipId, 0, chipLength);
            BootResetCause = _ports.ResetCause.Read();
            _observationTopic = Topics.Observation(DeviceId);
            _decisionTopic = Topics.Decision(DeviceId);
            _telemetryTopic = Topics.Application(DeviceId, Topics.TelemetryChannel);
            // Commands arrive on the Actuate channel: the only one a controller may send a command that moves
            // something on, and only while Actuate is granted (DESIGN.md "Scopes"; the broker's AppChannel).
            _commandTopic = Topics.Application(DeviceId, Topics.ActuateChannel);
            _inbox.SetTopics(_decisionTopic, _commandTopic);
            ClientId = null;
            _sampler.ResetHealth();
            _decisionsSubscribed = false;
            _commandsSubscribed = false;
            _slowClockPending = false;
            BeginEpoch(BootResetCause);
            for (int pass = 0; pass < PoolPasses && !_epochReady && Status != AgentStatus.EntropyFailed; pass++)
            {
                GatherEntropy();
            }
            _nextWakeUs = _ports.Clock.NowUs;
        }

        /// <summary>The last wait was light sleep on the slow clock: the next frame says slowClock.</summary>
        public void NotifySlept(bool slowClock)
        {
            if (slowClock) _slowClockPending = true;
        }

        /// <summary>One pass of the loop: Decisions in, resends out, a new frame when due, gateway duties.</summary>
        public void Step()
        {
            ulong now = _ports.Clock.NowUs;
            if (Status == AgentStatus.NotBooted || Status == AgentStatus.EntropyFailed)
            {
                _nextWakeUs = ulong.MaxValue;
                return;
            }
            if (!_epochReady && !GatherEntropy())
            {
                _nextWakeUs = Status == AgentStatus.EntropyFailed ? ulong.MaxValue : now + Ms(_settings.EntropyPassIntervalMs);
                return;
            }
            if (!_ports.Uplink.IsConnected)
            {
                _decisionsSubscribed = false;
            _commandsSubscribed = false;
                SetStatus(AgentStatus.UplinkDown, StatusTexts.UplinkDown);
                _nextWakeUs = now + Ms(_settings.ReconnectPollMs);
                return;
            }
            // Anyone may read a decision topic (DESIGN.md "Topics"), so this is asked until the broker grants it.
            if (!_decisionsSubscribed) _decisionsSubscribed = _ports.Uplink.Subscribe(_decisionTopic);
            int inbox = _inbox.Drain(DeviceId, _chain, _sent);
            // A connection may read its device's command topic only once it owns the device, that is once the
            // verifier accepted a frame sent over it (GrantRules.CheckSubscribe): asked earlier, it is refused,
            // and every SUBSCRIBE, refused or not, costs a broker a pass over its retained Decisions (docs/
            // PERFORMANCE.md "Fleet load": three refused SUBSCRIBEs per frame from 10,000 boards held MQTTnet's
            // lock most of the time). So it is asked once per acknowledgement, never once per step.
            if (!_commandsSubscribed && (inbox & InboxResult.Acknowledged) != 0) _commandsSubscribed = _ports.Uplink.Subscribe(_commandTopic);
            if ((inbox & InboxResult.Divergence) != 0) _divergencePending = true;
            if ((inbox & InboxResult.FramesGone) != 0)
            {
                BeginEpoch(ResetCause.Unknown);
                if (!GatherEntropy())
                {
                    _nextWakeUs = Status == AgentStatus.EntropyFailed ? ulong.MaxValue : now + Ms(_settings.EntropyPassIntervalMs);
                    return;
                }
            }
            UpdateRunningStatus();
            if (!FlushPending())
            {
                _nextWakeUs = now + Ms(_settings.RetryIntervalMs);
                return;
            }
            if (_settings.Role == DeviceRole.Gateway) _listener.Listen(DeviceId);
            now = _ports.Clock.NowUs;
            bool made = false;
            if (now >= _nextEventUs)
            {
                made = MakeChainFrame();
                _nextEventUs = now + Ms(_settings.EventIntervalMs) * (ulong)(IsRefused ? _settings.RefusedBackoffFactor : 1);
            }
            else if (_heard.Count > 0 && _chain.HasLinks)
            {
                made = MakeWitnessFrame();
            }
            if (made && !FlushPending())
            {
                _nextWakeUs = now + Ms(_settings.RetryIntervalMs);
                return;
            }
            ScheduleWake(now);
        }

        /// <summary>Copies the volatile RAM state of <paramref name="source"/> (chain state, epoch, seq,
        /// kept frames, what was acknowledged), as an attacker who dumped its RAM would. The copy keeps
        /// its own client id and health tests; boot it first (a clone is a board of its own).</summary>
        public void CloneStateFrom(DeviceAgent source)
        {
            if (Status == AgentStatus.NotBooted) Boot();
            DeviceId = source.DeviceId;
            _observationTopic = source._observationTopic;
            _decisionTopic = source._decisionTopic;
            _telemetryTopic = source._telemetryTopic;
            _commandTopic = source._commandTopic;
            _inbox.SetTopics(_decisionTopic, _commandTopic);
            _chain.CopyFrom(source._chain);
            _sent.CopyFrom(source._sent);
            _decisions.CopyFrom(source._decisions);
            System.Array.Copy(source._maker.GenesisMix, _maker.GenesisMix, ChainMath.DigestSize);
            _genesisCause = source._genesisCause;
            _epochReady = source._epochReady;
            _nextEventUs = source._nextEventUs;
            _divergencePending = source._divergencePending;
            _decisionsSubscribed = false;
            _commandsSubscribed = false;
            if (_epochReady && Status == AgentStatus.GatheringEntropy) SetStatus(AgentStatus.Running, StatusTexts.Running);
            _nextWakeUs = _ports.Clock.NowUs;
        }

        private bool IsRefused
        {
            get { return _decisions.HasDecision && _decisions.Mode == DecisionMode.Refused; }
        }

        private static ulong Ms(int milliseconds)
        {
            return (ulong)(milliseconds < 0 ? 0 : milliseconds) * MicrosecondsPerMillisecond;
        }

        private void BeginEpoch(ResetCause cause)
        {
            _genesisCause = cause;
            _epochReady = false;
            _chain.Begin(DeviceId, 0);
            _divergencePending = false;
            _sent.Clear();
            _heard.Clear();
            _decisions.Reset();
            _sampler.BeginPool();
            SetStatus(AgentStatus.GatheringEntropy, StatusTexts.Gathering);
        }

        /// <summary>One sampling pass; once the pool reaches the threshold, draws the epoch nonce (and
        /// the boot's client id) from mix_0 and opens the epoch. False while still short or failed.</summary>
        private bool GatherEntropy()
        {
            if (!_sampler.SamplePass())
            {
                SetStatus(AgentStatus.EntropyFailed, StatusTexts.ForFault(_sampler.Fault));
                return false;
            }
            if (_sampler.PooledBits < _settings.GenesisEntropyBits) return false;
            if (_ports.RawTap != null) _ports.RawTap.Observe(0, _sampler.Raw, 0, _sampler.RawLength);
            _math.Mix(_sampler.Raw, 0, _sampler.RawLength, _maker.GenesisMix, 0);
            if (ClientId == null) ClientId = _chain.DrawClientId(_maker.GenesisMix, 0);
            _chain.Begin(DeviceId, _chain.DrawEpoch(_maker.GenesisMix, 0));
            Counters.Epochs++;
            _epochReady = true;
            _nextEventUs = 0;
            SetStatus(AgentStatus.Running, StatusTexts.Running);
            return true;
        }

        /// <summary>Publishes every kept frame still flagged, oldest first; stops at the first that the
        /// broker did not acknowledge, so that order is kept. True when nothing is left to send.</summary>
        private bool FlushPending()
        {
            for (int i = 0; i < _sent.Count; i++)
            {
                int slot = _sent.SlotAt(i);
                if (!_sent.NeedsSend(slot)) continue;
                if (!_ports.Uplink.Publish(_observationTopic, _sent.FrameBytes(slot), 0, _sent.Length(slot), false))
                {
                    Counters.PublishFailures++;
                    return false;
                }
                if (_sent.WasSent(slot)) Counters.Resends++;
                _sent.MarkSent(slot);
                Counters.Publishes++;
            }
            return true;
        }

        /// <summary>Genesis or the next Observation, then its beacon and telemetry.</summary>
        private bool MakeChainFrame()
        {
            byte flags = 0;
            if (_slowClockPending) flags |= ObservationFlags.SlowClock;
            if (_divergencePending) flags |= ObservationFlags.DivergenceSeen;
            if (!_maker.MakeChainFrame(DeviceId, flags, _genesisCause))
            {
                SetStatus(AgentStatus.EntropyFailed, StatusTexts.ForFault(_sampler.Fault));
                return false;
            }
            _slowClockPending = false;
            _divergencePending = false;
            Broadcast(_maker.LastSlot);
            SendTelemetry(_maker.LastFrame);
            return true;
        }

        private bool MakeWitnessFrame()
        {
            if (_maker.MakeWitnessFrame(DeviceId, _heard)) return true;
            SetStatus(AgentStatus.EntropyFailed, StatusTexts.ForFault(_sampler.Fault));
            return false;
        }

        private void Broadcast(int slot)
        {
            if (_ports.Beacon == null || !_ports.Beacon.IsAvailable) return;
            BeaconCodec.Write(_beacon, 0, DeviceId, _chain.Epoch, _sent.Seq(slot), _sent.Digest(slot), 0);
            _ports.Beacon.Broadcast(_beacon, 0, BeaconCodec.Size);
            Counters.BeaconsSent++;
        }

        private void SendTelemetry(Frame frame)
        {
            if (!_decisions.HasDecision || IsRefused || !Scopes.Has(_decisions.GrantedScope, Scopes.Telemetry)) return;
            int length = TelemetryCodec.Write(_telemetry, frame.Seq, frame.FeatureMask, frame.Features);
            if (_ports.Uplink.Publish(_telemetryTopic, _telemetry, 0, length, false)) Counters.TelemetrySent++;
        }

        private void UpdateRunningStatus()
        {
            if (IsRefused) SetStatus(AgentStatus.BackingOff, StatusTexts.BackingOff);
            else SetStatus(AgentStatus.Running, StatusTexts.Running);
        }

        private void ScheduleWake(ulong now)
        {
            ulong wake = _nextEventUs;
            if (_settings.Role == DeviceRole.Gateway)
            {
                ulong poll = now + Ms(_settings.BeaconPollMs);
                if (_heard.Count > 0) poll = now;
                if (poll < wake) wake = poll;
            }
            _nextWakeUs = wake;
        }

        private void SetStatus(AgentStatus status, string text)
        {
            if (Status == status && (object)StatusText == (object)text) return;
            Status = status;
            StatusText = text;
            if (_ports.Status != null) _ports.Status.Report(text);
        }
    }
}
