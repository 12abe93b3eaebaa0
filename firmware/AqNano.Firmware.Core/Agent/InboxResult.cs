namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What draining the uplink asked of the agent (bit flags).</summary>
    public static class InboxResult
    {
        public const int None = 0;
        /// <summary>A Decision acknowledged a frame the device did not send: raise divergenceSeen.</summary>
        public const int Divergence = 1;
        /// <summary>A Decision was behind frames no longer kept: start a new epoch.</summary>
        public const int FramesGone = 2;
        /// <summary>A Decision acknowledged a frame this device sent in this epoch.</summary>
        public const int Acknowledged = 4;
    }
}
