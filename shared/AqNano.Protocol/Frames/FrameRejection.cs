namespace AqNano.Protocol.Frames
{
    /// <summary>Why a byte string is not a v1 frame. The parser reports the first failed
    /// check; the order is per kind and is not the numeric order (a Witness checks its path
    /// before its seq, and a chain frame too short to hold its featureMask is a length
    /// mismatch first): docs/PROTOCOL.md "Parsing" lists it, tests/AqNano.Protocol.Tests
    /// CheckOrderTests pins it. Stable numbers: new reasons are appended.</summary>
    public enum FrameRejection : byte
    {
        None = 0,
        /// <summary>No buffer, or offset/length outside it.</summary>
        BufferOutOfRange = 1,
        /// <summary>Fewer than the 32 header bytes.</summary>
        ShorterThanHeader = 2,
        BadMagic = 3,
        UnsupportedVersion = 4,
        UnknownKind = 5,
        /// <summary>Genesis/Observation featureMask with bits 8-15 set (checked once bytes 36-37 exist).</summary>
        ReservedFeatureBits = 6,
        /// <summary>Length not exactly the kind's (and featureMask's) length.</summary>
        LengthMismatch = 7,
        /// <summary>Observation flags outside slowClock and divergenceSeen.</summary>
        ReservedFlagBits = 8,
        /// <summary>A Genesis with any flag set.</summary>
        GenesisFlagsSet = 9,
        /// <summary>Genesis resetCause above 5.</summary>
        ResetCauseOutOfRange = 10,
        /// <summary>An Observation with a resetCause other than 0.</summary>
        ResetCauseInObservation = 11,
        /// <summary>requestedScope or grantedScope with bits v1 does not define.</summary>
        ReservedScopeBits = 12,
        /// <summary>A Genesis whose seq is not 0.</summary>
        GenesisSeqNotZero = 13,
        /// <summary>A Genesis whose reveal is not all zero.</summary>
        GenesisRevealNotZero = 14,
        /// <summary>An Observation or Witness with seq 0: only a Genesis opens an epoch.</summary>
        LinkSeqZero = 15,
        /// <summary>An Observation or Witness with an all-zero reveal: only a Genesis has none.</summary>
        LinkRevealZero = 16,
        /// <summary>Witness path not 1 (radio) or 2 (wired).</summary>
        WitnessPathOutOfRange = 17,
        /// <summary>Witness byte 87 not zero.</summary>
        WitnessReservedByte = 18,
        /// <summary>Decision mode not 1-5.</summary>
        DecisionModeOutOfRange = 19,
    }
}
