namespace AqNano.Boards
{
    /// <summary>What the firmware needs to know about one board, typed (STYLE.md 7): never
    /// "uncomment the line for your board". Pins are nanoFramework GPIO numbers (ESP32: the GPIO
    /// number; STM32: port index x 16 + pin, PA0 = 0, PB8 = 24).</summary>
    public sealed class BoardProfile
    {
        public string Name;
        /// <summary>The target name nanoff flashes (nanoff --update --target ...).</summary>
        public string NanoffTarget;
        /// <summary>System.Device.Adc channel numbers sampled as noise sources.</summary>
        public int[] NoiseAdcChannels;
        /// <summary>What each noise channel is, for the wiring table and the status output.</summary>
        public string[] NoiseAdcDescriptions;
        public int I2cBus;
        public int I2cDataPin;
        public int I2cClockPin;
        /// <summary>True when the I2C pins must be routed with Configuration.SetPinFunction (ESP32).</summary>
        public bool I2cPinsConfigurable;
        public int SensorAddress;
        public NetworkKind Network;
        /// <summary>A plain GPIO status LED, or -1 when the board has none usable as such.</summary>
        public int StatusLedPin;
        /// <summary>Resolution of the monotonic clock the firmware can reach, in microseconds.</summary>
        public int ClockResolutionUs;
        /// <summary>True when System.Random is backed by the chip's hardware generator (firmware/README.md).</summary>
        public bool HardwareRandom;
        /// <summary>True when nanoFramework's ESP-NOW package serves the target (witness beacons).</summary>
        public bool EspNow;
    }
}
