namespace AqNano.Protocol.Frames
{
    /// <summary>Why the board booted, carried by Genesis only (Observation sends 0).</summary>
    public enum ResetCause : byte
    {
        Unknown = 0,
        PowerOn = 1,
        Brownout = 2,
        Watchdog = 3,
        Software = 4,
        DeepSleepWake = 5,
    }
}
