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

        // Appended by the verifier core (issue 5) for refused input; docs/VERIFIER.md says when each is used.
        /// <summary>The bytes are not a v1 frame (the FrameRejection is in the record).</summary>
        public const byte MalformedFrame = 20;
        /// <summary>Not an obs topic, or the frame's deviceId differs from the topic's {id}.</summary>
        public const byte TopicMismatch = 21;
        /// <summary>A Decision (or another non-chain kind) published on an obs topic.</summary>
        public const byte NotAChainFrame = 22;
        /// <summary>A reveal that opens nothing kept (also an unknown id or epoch).</summary>
        public const byte BrokenLink = 23;
        /// <summary>A seq older than the ring, or a frame of a closed epoch.</summary>
        public const byte StaleFrame = 24;
        /// <summary>A second Genesis for an epoch already seen.</summary>
        public const byte EpochReplayed = 25;
        /// <summary>A Witness frame from a device the policy does not register as a witness.</summary>
        public const byte UnregisteredWitness = 26;
        /// <summary>A Genesis for a known id while both candidate slots are taken.</summary>
        public const byte CandidateSlotsFull = 27;

        // Appended by the brownfield overlay (issue 9 item 1): a client certificate is one weighted
        // observation beside the chain, never a precondition (docs/VERIFIER.md "Certificates").
        /// <summary>The certificate the device's connection presented is outside its validity period (expired or not yet valid).</summary>
        public const byte CertificateExpired = 28;
        /// <summary>The certificate's serial is on the configured revocation list of its issuer.</summary>
        public const byte CertificateRevoked = 29;
        /// <summary>The certificate does not chain to a configured trusted issuer.</summary>
        public const byte CertificateUntrusted = 30;

        // Appended for gateway-mediated retrofit (issue 9; docs/ADOPTION.md "Gateway-mediated retrofit", docs/VERIFIER.md "Proxied devices").
        /// <summary>A proxied device's standing is held at its gateway's lower one (the pair is one unit).</summary>
        public const byte CappedByGateway = 31;
        /// <summary>A proxied device's behaviour left its running statistics (the sensor behind the gateway
        /// changed): monitored, then restricted once the shift persists.</summary>
        public const byte BehaviourShift = 32;
        /// <summary>A proxied device whose registered gateway has no chain at the verifier yet.</summary>
        public const byte GatewayUnknown = 33;
        /// <summary>A proxied device's frame came over a connection that does not own its registered
        /// gateway's chain: whoever carries it is not the registered pair.</summary>
        public const byte UnregisteredPair = 34;

        /// <summary>The highest reason this version defines; a Decision may carry others from a newer verifier.</summary>
        public const byte Last = UnregisteredPair;
    }
}
