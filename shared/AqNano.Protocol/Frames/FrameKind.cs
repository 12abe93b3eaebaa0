namespace AqNano.Protocol.Frames
{
    /// <summary>The header's kind byte (DESIGN.md "Wire format v1").</summary>
    public enum FrameKind : byte
    {
        Genesis = 1,
        Observation = 2,
        Witness = 3,
        Decision = 4,
    }
}
