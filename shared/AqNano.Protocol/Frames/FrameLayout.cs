namespace AqNano.Protocol.Frames
{
    /// <summary>Offsets and sizes of wire format v1 (DESIGN.md "Wire format v1"); the
    /// byte diagrams are at the top of each codec file.</summary>
    public static class FrameLayout
    {
        public const byte Magic0 = 0x41; // 'A'
        public const byte Magic1 = 0x51; // 'Q'
        public const byte Version = 1;
        public const int DigestSize = 32;

        // Header
        public const int MagicOffset = 0;
        public const int VersionOffset = 2;
        public const int KindOffset = 3;
        public const int DeviceIdOffset = 4;
        public const int EpochOffset = 12;
        public const int SeqOffset = 20;
        public const int UptimeOffset = 24;
        public const int HeaderSize = 32;

        // Genesis and Observation body
        public const int FlagsOffset = 32;
        public const int ResetCauseOffset = 33;
        public const int RequestedScopeOffset = 34;
        public const int FeatureMaskOffset = 36;
        public const int FeaturesOffset = 38;
        public const int ChainFixedSize = 134; // + 4 per present feature
        public const int ChainMaxSize = ChainFixedSize + 4 * Features.Count;

        // Witness body
        public const int SubjectDeviceIdOffset = 32;
        public const int SubjectEpochOffset = 40;
        public const int SubjectSeqOffset = 48;
        public const int SubjectDigestOffset = 52;
        public const int RssiOffset = 84;
        public const int PathOffset = 86;
        public const int WitnessReservedOffset = 87;
        public const int WitnessRevealOffset = 88;
        public const int WitnessSize = 184;
        public const short RssiNotRadio = unchecked((short)0x8000);

        // Decision body
        public const int ModeOffset = 32;
        public const int ReasonOffset = 33;
        public const int GrantedScopeOffset = 34;
        public const int AckDigestOffset = 36;
        public const int DecisionSize = 68;

        /// <summary>The longest v1 frame: a Witness (184) beats an 8-feature Observation (166).</summary>
        public const int MaxFrameSize = WitnessSize;

        /// <summary>Length of a Genesis or Observation frame carrying the features in <paramref name="featureMask"/>.</summary>
        public static int ChainFrameSize(ushort featureMask)
        {
            return ChainFixedSize + 4 * Features.CountPresent(featureMask);
        }

        /// <summary>Where the reveal starts in a Genesis or Observation frame; commit and tag follow at +32 and +64.</summary>
        public static int ChainRevealOffset(ushort featureMask)
        {
            return FeaturesOffset + 4 * Features.CountPresent(featureMask);
        }
    }
}
