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
        private const int ReceiveCapacity = 256;
        private const int MaxMessagesPerStep = 16;
        private const int MaxBeaconsPerStep = 8;
        private const int HeardBeaconCapacity = 8;
        private const int PoolPasses = 8;
        private const ulong MicrosecondsPerMillisecond = 1000;

        private readonly DeviceSettings _settings;
        private readonly DevicePorts _ports;
        private readonly ChainMath _math;
        private readonly ChainEngine _chain;
        private readonly EntropySampler _sampler;
        private readonly SentFrameBuffer _sent;
        private readonly DecisionTracker _decisions = new DecisionTracker();
        private readonly HeardBeacons _heard = new HeardBeacons(HeardBeaconCapacity);
        private readonly Frame _frame = new Frame();
        private readonly Frame _inbound = new Frame();
        private readonly byte[] _receive = new byte[ReceiveCapacity];
        private readonly byte[] _mix = new byte[ChainMath.DigestSize];
        private readonly byte[] _genesisMix = new byte[ChainMath.DigestSize];
        private readonly byte[] _beacon = new byte[BeaconCodec.Size];
        private readonly byte[] _telemetry = new byte[TelemetryCodec.MaxSize];
        private readonly byte[] _chipId = new byte[32];

        private string _observationTopic;
        private string _decisionTopic;
        private string _telemetryTopic;
        private string _commandTopic;
        private ResetCause _genesisCause;
        private bool _epochReady;
        private bool _subscribed;
        private bool _newEpochRequested;
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
        public FrameRejection LastRejection { get; private set; }
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
            _telemetryTopic = Topics.Application(DeviceId, "telemetry");
            _commandTopic = Topics.Application(DeviceId, "command");
            ClientId = null;
            _sampler.ResetHealth();
            _subscribed = false;
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
                _subscribed = false;
                SetStatus(AgentStatus.UplinkDown, StatusTexts.UplinkDown);
                _nextWakeUs = now + Ms(_settings.ReconnectPollMs);
                return;
            }
            if (!_subscribed)
            {
                bool decisions = _ports.Uplink.Subscribe(_decisionTopic);
                bool commands = _ports.Uplink.Subscribe(_commandTopic);
                _subscribed = decisions && commands;
            }
            DrainInbound();
            if (_newEpochRequested)
            {
                _newEpochRequested = false;
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
            if (_settings.Role == DeviceRole.Gateway) HearBeacons();
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
            _chain.CopyFrom(source._chain);
            _sent.CopyFrom(source._sent);
            _decisions.CopyFrom(source._decisions);
            System.Array.Copy(source._genesisMix, _genesisMix, ChainMath.DigestSize);
            _genesisCause = source._genesisCause;
            _epochReady = source._epochReady;
            _nextEventUs = source._nextEventUs;
            _divergencePending = source._divergencePending;
            _subscribed = false;
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
            _math.Mix(_sampler.Raw, 0, _sampler.RawLength, _genesisMix, 0);
            if (ClientId == null) ClientId = _chain.DrawClientId(_genesisMix, 0);
            _chain.Begin(DeviceId, _chain.DrawEpoch(_genesisMix, 0));
            Counters.Epochs++;
            _epochReady = true;
            _nextEventUs = 0;
            SetStatus(AgentStatus.Running, StatusTexts.Running);
            return true;
        }

        private void DrainInbound()
        {
            for (int i = 0; i < MaxMessagesPerStep; i++)
            {
                string topic;
                int length = _ports.Uplink.Receive(_receive, 0, out topic);
                if (length < 0) return;
                if (length > _receive.Length)
                {
                    Counters.MessagesOversized++;
                }
                else if (topic == _decisionTopic)
                {
                    HandleDecision(length);
                }
                else if (topic == _commandTopic)
                {
                    HandleCommand(length);
                }
                else
                {
                    Counters.UnknownTopics++;
                }
            }
        }

        private void HandleDecision(int length)
        {
            FrameRejection rejection;
            if (!FrameCodec.TryParse(_receive, 0, length, _inbound, out rejection))
            {
                LastRejection = rejection;
                Counters.DecisionsMalformed++;
                return;
            }
            if (_inbound.Kind != FrameKind.Decision)
            {
                Counters.DecisionsWrongKind++;
                return;
            }
            if (!_chain.HasLinks)
            {
                // Nothing sent in this epoch yet: whatever it acknowledges is another epoch's.
                if (_inbound.DeviceId != DeviceId) Counters.DecisionsForeign++;
                else Counters.DecisionsOtherEpoch++;
                return;
            }
            switch (_decisions.Apply(_inbound, DeviceId, _chain.Epoch, _chain.LastSeq, _sent))
            {
                case DecisionOutcome.Acknowledged:
                case DecisionOutcome.Behind:
                    Counters.DecisionsApplied++;
                    break;
                case DecisionOutcome.Divergence:
                    Counters.DecisionsApplied++;
                    Counters.Divergences++;
                    _divergencePending = true;
                    break;
                case DecisionOutcome.FramesGone:
                    Counters.FramesGone++;
                    _newEpochRequested = true;
                    break;
                case DecisionOutcome.Foreign:
                    Counters.DecisionsForeign++;
                    break;
                case DecisionOutcome.OtherEpoch:
                    Counters.DecisionsOtherEpoch++;
                    break;
                default:
                    Counters.DecisionsStale++;
                    break;
            }
        }

        private void HandleCommand(int length)
        {
            bool allowed = _decisions.HasDecision && !IsRefused && Scopes.Has(_decisions.GrantedScope, Scopes.Actuate);
            if (!allowed || _ports.Actuator == null)
            {
                Counters.CommandsRefused++;
                return;
            }
            _ports.Actuator.Execute(_receive, 0, length);
            Counters.CommandsExecuted++;
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

        /// <summary>Genesis (seq 0, from the boot's pooled raw) or the next Observation (a fresh pass).</summary>
        private bool MakeChainFrame()
        {
            bool genesis = !_chain.HasLinks;
            uint seq = genesis ? 0 : _chain.LastSeq + 1;
            if (!genesis && !SampleEvent(seq)) return false;
            _frame.Kind = genesis ? FrameKind.Genesis : FrameKind.Observation;
            FillHeader(seq);
            _frame.Flags = 0;
            if (!genesis)
            {
                if (_slowClockPending) _frame.Flags |= ObservationFlags.SlowClock;
                if (_divergencePending) _frame.Flags |= ObservationFlags.DivergenceSeen;
            }
            _slowClockPending = false;
            _divergencePending = false;
            _frame.ResetCause = genesis ? _genesisCause : ResetCause.Unknown;
            _frame.RequestedScope = (ushort)((_settings.RequestedScope | Scopes.Observe) & Scopes.All);
            _frame.FeatureMask = FeatureCalculator.Compute(_sampler.AdcSamples, _sampler.AdcSamples.Length,
                _sampler.TimingSamples, _sampler.TimingSamples.Length, _sampler.SensorOk, _sampler.TemperatureMilliC,
                _sampler.HumidityMilliPercent, _sampler.FreeBytes, _frame.Features);
            int slot = Seal(genesis ? _genesisMix : _mix);
            Broadcast(slot);
            SendTelemetry();
            return true;
        }

        /// <summary>A gateway's Witness frame for the oldest heard beacon, on its own chain.</summary>
        private bool MakeWitnessFrame()
        {
            uint seq = _chain.LastSeq + 1;
            if (!SampleEvent(seq)) return false;
            int heard = _heard.Oldest;
            _frame.Kind = FrameKind.Witness;
            FillHeader(seq);
            _frame.SubjectDeviceId = _heard.DeviceId(heard);
            _frame.SubjectEpoch = _heard.Epoch(heard);
            _frame.SubjectSeq = _heard.Seq(heard);
            System.Array.Copy(_heard.Digest(heard), _frame.SubjectFrameDigest, ChainMath.DigestSize);
            _frame.Rssi = _heard.Rssi(heard);
            _frame.Path = WitnessPath.Radio;
            _heard.RemoveOldest();
            Seal(_mix);
            Counters.WitnessesMade++;
            return true;
        }

        private bool SampleEvent(uint seq)
        {
            _sampler.BeginPool();
            if (!_sampler.SamplePass())
            {
                SetStatus(AgentStatus.EntropyFailed, StatusTexts.ForFault(_sampler.Fault));
                return false;
            }
            if (_ports.RawTap != null) _ports.RawTap.Observe(seq, _sampler.Raw, 0, _sampler.RawLength);
            _math.Mix(_sampler.Raw, 0, _sampler.RawLength, _mix, 0);
            return true;
        }

        private void FillHeader(uint seq)
        {
            _frame.DeviceId = DeviceId;
            _frame.Epoch = _chain.Epoch;
            _frame.Seq = seq;
            _frame.UptimeUs = _ports.Clock.NowUs;
        }

        private int Seal(byte[] mix)
        {
            int slot = _sent.Reserve();
            int length = _chain.MakeLink(_frame, mix, 0, _sent.FrameBytes(slot), 0, _sent.Digest(slot), 0);
            _sent.Commit(slot, _frame.Seq, length);
            Counters.FramesMade++;
            return slot;
        }

        private void Broadcast(int slot)
        {
            if (_ports.Beacon == null || !_ports.Beacon.IsAvailable) return;
            BeaconCodec.Write(_beacon, 0, DeviceId, _chain.Epoch, _sent.Seq(slot), _sent.Digest(slot), 0);
            _ports.Beacon.Broadcast(_beacon, 0, BeaconCodec.Size);
            Counters.BeaconsSent++;
        }

        private void SendTelemetry()
        {
            if (!_decisions.HasDecision || IsRefused || !Scopes.Has(_decisions.GrantedScope, Scopes.Telemetry)) return;
            int length = TelemetryCodec.Write(_telemetry, _frame.Seq, _frame.FeatureMask, _frame.Features);
            if (_ports.Uplink.Publish(_telemetryTopic, _telemetry, 0, length, false)) Counters.TelemetrySent++;
        }

        private void HearBeacons()
        {
            if (_ports.Beacon == null || !_ports.Beacon.IsAvailable) return;
            for (int i = 0; i < MaxBeaconsPerStep; i++)
            {
                short rssi;
                int length = _ports.Beacon.Receive(_receive, 0, out rssi);
                if (length < 0) return;
                int slot = _heard.Reserve();
                ulong subject;
                ulong epoch;
                uint seq;
                if (slot < 0 || length > _receive.Length
                    || !BeaconCodec.TryRead(_receive, 0, length, out subject, out epoch, out seq, _heard.Digest(slot), 0)
                    || subject == DeviceId || !IsRegistered(subject))
                {
                    Counters.BeaconsIgnored++;
                    continue;
                }
                _heard.Commit(slot, subject, epoch, seq, rssi);
                Counters.BeaconsHeard++;
            }
        }

        private bool IsRegistered(ulong subject)
        {
            ulong[] registered = _settings.RegisteredSubjects;
            if (registered == null || registered.Length == 0) return true;
            for (int i = 0; i < registered.Length; i++) if (registered[i] == subject) return true;
            return false;
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
