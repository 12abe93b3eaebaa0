namespace AqNano.Fuzz.Mutation;

/// <summary>The mutations <see cref="FrameMutator"/> stacks on a seed frame. Byte-level ones
/// find what a generic fuzzer finds; field-aware ones reach the checks behind a valid header
/// (DESIGN.md "A frame parses only if it is exact") that random bytes almost never get past.</summary>
public enum MutationKind
{
    /// <summary>Flip one to eight random bits.</summary>
    BitFlip,
    /// <summary>Set one byte to a random or boundary value (0, 1, 0x7F, 0x80, 0xFF).</summary>
    ByteSet,
    /// <summary>Cut the frame, often at a layout boundary (31, 32, 36, 38, 67, 68, 133, 134, 183...).</summary>
    Truncate,
    /// <summary>Append random bytes or insert them in the middle.</summary>
    Extend,
    /// <summary>Remove a run of bytes from the middle.</summary>
    Delete,
    /// <summary>Magic, version, kind, deviceId, epoch, seq or uptimeUs set to a boundary or random value.</summary>
    HeaderField,
    /// <summary>A body field of the declared kind: flags, resetCause, scopes, feature values,
    /// reveal/commit/tag, Witness subject/rssi/path/reserved, Decision mode/reason/digest.</summary>
    BodyField,
    /// <summary>The featureMask changed, with the feature area resized to match, left as it
    /// was, or resized to be four bytes off.</summary>
    FeatureMaskGame,
    /// <summary>The kind byte changed and the frame resized to the new kind's length.</summary>
    KindSwap,
    /// <summary>The seq-0 / Genesis / zero-reveal triangle broken or made consistent.</summary>
    LinkOrderGame,
    /// <summary>A prefix of this frame joined to a suffix of another seed.</summary>
    Splice,
}
