namespace AqNano.Firmware.Core.Ports
{
    /// <summary>The monotonic clock since boot that feeds uptimeUs and the timing-jitter
    /// source. ESP32: HighResTimer.GetCurrent() (microseconds). STM32: millisecond ticks
    /// times 1000, which <see cref="ResolutionUs"/> says honestly.</summary>
    public interface IMicrosecondClock
    {
        /// <summary>Microseconds since boot; never goes backwards within a boot.</summary>
        ulong NowUs { get; }

        /// <summary>The smallest step the clock can show, in microseconds (1 on ESP32, 1000 on STM32).</summary>
        int ResolutionUs { get; }
    }
}
