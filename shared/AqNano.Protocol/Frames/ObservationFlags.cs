namespace AqNano.Protocol.Frames
{
    /// <summary>The flags byte of Genesis (always 0) and Observation frames.</summary>
    public static class ObservationFlags
    {
        /// <summary>Time since the previous frame passed in light sleep on the RTC slow clock.</summary>
        public const byte SlowClock = 0x01;
        /// <summary>The device saw a Decision acknowledging a frame it did not send.</summary>
        public const byte DivergenceSeen = 0x02;
        public const byte Defined = SlowClock | DivergenceSeen;
    }
}
