namespace AqNano.Verifier;

/// <summary>What the chain rules (DESIGN.md "The verifier's rules") made of one inbound frame.</summary>
public enum Verdict
{
    /// <summary>The frame did not parse, or its deviceId differs from its topic's {id}.</summary>
    Malformed,
    /// <summary>Genesis of an id never seen: a new device.</summary>
    Genesis,
    /// <summary>Genesis (or a later link) of a candidate epoch for a known id.</summary>
    Candidate,
    /// <summary>The next link of the canonical chain.</summary>
    Next,
    /// <summary>Byte-identical to an accepted frame (QoS 1 redelivery): ignored.</summary>
    Duplicate,
    /// <summary>A different frame for an accepted seq whose reveal equals the accepted one.</summary>
    Conflict,
    /// <summary>A frame continuing a fork opened by a conflict.</summary>
    Fork,
    /// <summary>A seq beyond the next: refused; the Decision acknowledges the last accepted seq.</summary>
    Gap,
    /// <summary>A reveal that opens nothing kept: refused, weighs nothing.</summary>
    Broken,
    /// <summary>Older than the ring, or of a closed epoch: refused, weighs nothing.</summary>
    Stale,
    /// <summary>A registered witness's frame whose link was accepted.</summary>
    Witness,
    /// <summary>A valid next link of an epoch closed during its keep period: the identity is contended.</summary>
    Contended,
    /// <summary>No frame: a device's standing re-judged by the timer, an operator or a witness's report (added by the verifier core).</summary>
    Reassessed,
}
