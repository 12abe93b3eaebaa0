namespace AqNano.Protocol
{
    /// <summary>The Decision frame's reason byte: why the mode is what it is. Stable
    /// numbers, listed in docs/PROTOCOL.md; new reasons are appended, never renumbered.
    /// 0 means nothing holds the device back beyond its mode (e.g. a young chain).</summary>
    public static class Reasons
    {
        public const byte None = 0;
        public const byte NewDevice = 1;
        public const byte YoungEpoch = 2;
        public const byte CandidateEpoch = 3;
        public const byte ContendedIdentity = 4;
        public const byte AwaitingWitness = 5;
        public const byte AlteredFrame = 6;
        public const byte OpenPathConflict = 7;
        public const byte CloneEvidence = 8;
        public const byte WitnessDisagreement = 9;
        public const byte FeatureAnomaly = 10;
        public const byte SkewAnomaly = 11;
        public const byte OperatorRevoked = 12;
        public const byte NotAllowlisted = 13;
        public const byte IdentityRateExceeded = 14;
        public const byte KeepPeriod = 15;
        public const byte Gap = 16;
        public const byte DivergenceSeen = 17;
        public const byte ContextViolation = 18;
        public const byte UptimeRegression = 19;

        /// <summary>The highest reason v1 defines; a Decision may carry others from a newer verifier.</summary>
        public const byte Last = UptimeRegression;
    }
}
