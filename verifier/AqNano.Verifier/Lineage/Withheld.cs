namespace AqNano.Verifier.Lineage;

/// <summary>What an export left out of a record's frame (DESIGN.md "Disclosure").</summary>
public enum Withheld
{
    /// <summary>The frame is exported as recorded.</summary>
    None,
    /// <summary>The 32-byte reveal is zeroed: its seq is still in the verifier's ring.</summary>
    Reveal,
    /// <summary>The whole frame is zeroed: bytes of unknown layout, the reveal could be anywhere.</summary>
    Frame,
}
