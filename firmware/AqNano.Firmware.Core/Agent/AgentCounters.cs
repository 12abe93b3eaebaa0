namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What the agent did and refused, counted (RULES: bad input is counted and changes
    /// no state). Plain fields so that reading them allocates nothing.</summary>
    public sealed class AgentCounters
    {
        public int FramesMade;
        public int Publishes;
        public int PublishFailures;
        public int Resends;
        public int Epochs;
        public int DecisionsApplied;
        public int DecisionsMalformed;
        public int DecisionsWrongKind;
        public int DecisionsForeign;
        public int DecisionsOtherEpoch;
        public int DecisionsStale;
        public int Divergences;
        public int FramesGone;
        public int MessagesOversized;
        public int UnknownTopics;
        public int CommandsExecuted;
        public int CommandsRefused;
        public int TelemetrySent;
        public int BeaconsSent;
        public int BeaconsHeard;
        public int BeaconsIgnored;
        public int WitnessesMade;

        /// <summary>Everything received and ignored, of every kind.</summary>
        public int Ignored
        {
            get
            {
                return DecisionsMalformed + DecisionsWrongKind + DecisionsForeign + DecisionsOtherEpoch
                    + DecisionsStale + MessagesOversized + UnknownTopics + CommandsRefused;
            }
        }
    }
}
