namespace AqNano.Protocol.Frames
{
    /// <summary>How a witness heard its subject. 0 is invalid: a relay proves nothing.</summary>
    public enum WitnessPath : byte
    {
        Radio = 1,
        Wired = 2,
    }
}
