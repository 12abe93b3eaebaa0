namespace AqNano.Protocol
{
    /// <summary>Graduated admission, the Decision frame's mode byte (DESIGN.md
    /// "Evidence, admission, actuation, lineage"). 0 and 6-255 are invalid on the wire.</summary>
    public enum DecisionMode : byte
    {
        AdmitFull = 1,
        AdmitRestricted = 2,
        AdmitMonitored = 3,
        Deferred = 4,
        Refused = 5,
    }
}
