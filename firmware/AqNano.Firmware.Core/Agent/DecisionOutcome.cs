namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What a well-formed Decision on the device's own topic meant (DESIGN.md "Delivery").</summary>
    public enum DecisionOutcome : byte
    {
        /// <summary>Acknowledged the device's own latest frame.</summary>
        Acknowledged = 0,
        /// <summary>Acknowledged an older own frame: the later ones are flagged for resending.</summary>
        Behind = 1,
        /// <summary>Acknowledged a digest the device did not send, or a seq it never made.</summary>
        Divergence = 2,
        /// <summary>Behind, and the frames after it are no longer kept: start a new epoch.</summary>
        FramesGone = 3,
        /// <summary>For another device id (counted as foreign).</summary>
        Foreign = 4,
        /// <summary>For another epoch, e.g. the retained Decision of the last boot. Ignored.</summary>
        OtherEpoch = 5,
        /// <summary>For a seq older than one already acknowledged. Ignored.</summary>
        Stale = 6,
    }
}
