namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Waiting between events. Light sleep keeps RAM and the chain but runs the timer on
    /// the RTC slow clock (frames after it are flagged slowClock); deep sleep loses RAM, so every
    /// wake is a new epoch (DESIGN.md "Delivery").</summary>
    public interface ISleepControl
    {
        /// <summary>Waits about <paramref name="microseconds"/>; returns true if the time passed in
        /// light sleep on the slow clock rather than awake.</summary>
        bool Wait(ulong microseconds);
    }
}
