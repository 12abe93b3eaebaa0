using AqNano.Firmware.Core.Ports;
using nanoFramework.Hardware.Esp32;

namespace AqNano.Firmware.Adapters
{
    /// <summary>ESP32 microseconds since boot (nanoframework/nanoFramework.Hardware.Esp32,
    /// HighResTimer.cs: static UInt64 GetCurrent()), the only microsecond source on ESP32.</summary>
    internal sealed class Esp32HighResClock : IMicrosecondClock
    {
        public ulong NowUs { get { return HighResTimer.GetCurrent(); } }

        public int ResolutionUs { get { return 1; } }
    }
}
