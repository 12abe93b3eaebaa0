using AqNano.Firmware.Core.Continuity;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>Everything the device receives: Decisions on its retained decision topic (parsed
    /// exactly, then read by <see cref="DecisionTracker"/>) and commands on aq/v1/dev/{id}/app/actuate.
    /// Anything else, malformed, foreign or oversized is counted and changes no state (RULES).
    /// One fixed receive buffer and one reusable frame: draining allocates nothing.</summary>
    public sealed class Inbox
    {
        private const int ReceiveCapacity = 256;
        private const int MaxMessagesPerStep = 16;

        private readonly IUplink _uplink;
        private readonly IActuator _actuator;
        private readonly DecisionTracker _decisions;
        private readonly AgentCounters _counters;
        private readonly byte[] _receive = new byte[ReceiveCapacity];
        private readonly Frame _inbound = new Frame();
        private string _decisionTopic;
        private string _commandTopic;

        public Inbox(IUplink uplink, IActuator actuator, DecisionTracker decisions, AgentCounters counters)
        {
            _uplink = uplink;
            _actuator = actuator;
            _decisions = decisions;
            _counters = counters;
        }

        /// <summary>The reason the last malformed Decision was refused.</summary>
        public FrameRejection LastRejection { get; private set; }

        public void SetTopics(string decisionTopic, string commandTopic)
        {
            _decisionTopic = decisionTopic;
            _commandTopic = commandTopic;
        }

        /// <summary>Takes up to a bounded number of waiting messages; returns <see cref="InboxResult"/> flags.</summary>
        public int Drain(ulong deviceId, ChainEngine chain, SentFrameBuffer sent)
        {
            int result = InboxResult.None;
            for (int i = 0; i < MaxMessagesPerStep; i++)
            {
                string topic;
                int length = _uplink.Receive(_receive, 0, out topic);
                if (length < 0) break;
                if (length > _receive.Length) _counters.MessagesOversized++;
                else if (topic == _decisionTopic) result |= HandleDecision(length, deviceId, chain, sent);
                else if (topic == _commandTopic) HandleCommand(length);
                else _counters.UnknownTopics++;
            }
            return result;
        }

        private int HandleDecision(int length, ulong deviceId, ChainEngine chain, SentFrameBuffer sent)
        {
            FrameRejection rejection;
            if (!FrameCodec.TryParse(_receive, 0, length, _inbound, out rejection))
            {
                LastRejection = rejection;
                _counters.DecisionsMalformed++;
                return InboxResult.None;
            }
            if (_inbound.Kind != FrameKind.Decision)
            {
                _counters.DecisionsWrongKind++;
                return InboxResult.None;
            }
            if (!chain.HasLinks)
            {
                // Nothing sent in this epoch yet: whatever it acknowledges is another epoch's.
                if (_inbound.DeviceId != deviceId) _counters.DecisionsForeign++;
                else _counters.DecisionsOtherEpoch++;
                return InboxResult.None;
            }
            switch (_decisions.Apply(_inbound, deviceId, chain.Epoch, chain.LastSeq, sent))
            {
                case DecisionOutcome.Acknowledged:
                    _counters.DecisionsApplied++;
                    return InboxResult.Acknowledged;
                case DecisionOutcome.Behind:
                    _counters.DecisionsApplied++;
                    return InboxResult.None;
                case DecisionOutcome.Divergence:
                    _counters.DecisionsApplied++;
                    _counters.Divergences++;
                    return InboxResult.Divergence;
                case DecisionOutcome.FramesGone:
                    _counters.FramesGone++;
                    return InboxResult.FramesGone;
                case DecisionOutcome.Foreign:
                    _counters.DecisionsForeign++;
                    return InboxResult.None;
                case DecisionOutcome.OtherEpoch:
                    _counters.DecisionsOtherEpoch++;
                    return InboxResult.None;
                default:
                    _counters.DecisionsStale++;
                    return InboxResult.None;
            }
        }

        /// <summary>Commands run only while Actuate is granted and the device is not refused.</summary>
        private void HandleCommand(int length)
        {
            bool allowed = _decisions.HasDecision && _decisions.Mode != DecisionMode.Refused
                && Scopes.Has(_decisions.GrantedScope, Scopes.Actuate);
            if (!allowed || _actuator == null)
            {
                _counters.CommandsRefused++;
                return;
            }
            _actuator.Execute(_receive, 0, length);
            _counters.CommandsExecuted++;
        }
    }
}
