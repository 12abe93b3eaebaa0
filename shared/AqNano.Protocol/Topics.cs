namespace AqNano.Protocol
{
    /// <summary>The v1 topic tree (DESIGN.md "Topics"): aq/v1/dev/{id}/obs (chain frames,
    /// QoS 1, only the verifier subscribes), aq/v1/dev/{id}/decision (retained, only the
    /// verifier publishes), aq/v1/dev/{id}/app/# (application traffic, gated by scope).
    /// {id} is the deviceId's 8 wire bytes as 16 lower-case hex characters.</summary>
    public static class Topics
    {
        public const string Prefix = "aq/v1/dev/";
        public const string ObservationSuffix = "/obs";
        public const string DecisionSuffix = "/decision";
        public const string ApplicationInfix = "/app/";
        public const string AllObservations = "aq/v1/dev/+/obs";
        public const string AllDecisions = "aq/v1/dev/+/decision";
        /// <summary>The v1 app channels (DESIGN.md "Scopes"): telemetry up from the device under Telemetry;
        /// config, actuate and update down to it under Config, Actuate and Update. One copy, read by the
        /// firmware and the broker alike, so that what a board listens on is what a controller may send.</summary>
        public const string TelemetryChannel = "telemetry";
        public const string ConfigChannel = "config";
        public const string ActuateChannel = "actuate";
        public const string UpdateChannel = "update";
        private const int IdLength = 16;

        public static string Observation(ulong deviceId)
        {
            return Prefix + Hex.FromWire(deviceId) + ObservationSuffix;
        }

        public static string Decision(ulong deviceId)
        {
            return Prefix + Hex.FromWire(deviceId) + DecisionSuffix;
        }

        /// <summary>aq/v1/dev/{id}/app/{name}, e.g. name "telemetry".</summary>
        public static string Application(ulong deviceId, string name)
        {
            return Prefix + Hex.FromWire(deviceId) + ApplicationInfix + name;
        }

        /// <summary>Classifies a topic and reads its device id. Anything not exactly of the
        /// v1 forms (upper-case hex, extra levels after obs or decision, an empty app name) is Unknown.</summary>
        public static TopicKind Classify(string topic, out ulong deviceId)
        {
            deviceId = 0;
            if (topic == null || topic.Length < Prefix.Length + IdLength + 4 || !topic.StartsWith(Prefix))
            {
                return TopicKind.Unknown;
            }
            ulong id;
            if (!Hex.TryParseWire(topic, Prefix.Length, out id))
            {
                return TopicKind.Unknown;
            }
            int rest = Prefix.Length + IdLength;
            int restLength = topic.Length - rest;
            TopicKind kind = TopicKind.Unknown;
            if (restLength == ObservationSuffix.Length && string.Compare(topic.Substring(rest), ObservationSuffix) == 0)
            {
                kind = TopicKind.Observation;
            }
            else if (restLength == DecisionSuffix.Length && string.Compare(topic.Substring(rest), DecisionSuffix) == 0)
            {
                kind = TopicKind.Decision;
            }
            else if (restLength > ApplicationInfix.Length && string.Compare(topic.Substring(rest, ApplicationInfix.Length), ApplicationInfix) == 0)
            {
                kind = TopicKind.Application;
            }
            if (kind != TopicKind.Unknown)
            {
                deviceId = id;
            }
            return kind;
        }
    }
}
