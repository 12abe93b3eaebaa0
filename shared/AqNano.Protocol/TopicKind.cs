namespace AqNano.Protocol
{
    /// <summary>What an aq/v1 topic is for (DESIGN.md "Topics").</summary>
    public enum TopicKind : byte
    {
        Unknown = 0,
        Observation = 1,
        Decision = 2,
        Application = 3,
    }
}
