namespace AqNano.Boards
{
    /// <summary>Espressif ESP32-S3-DevKitC-1 (ESP32-S3-WROOM-1 module).</summary>
    public static class Esp32S3DevKitC1
    {
        public static BoardProfile Create()
        {
            BoardProfile board = new BoardProfile();
            board.Name = "ESP32-S3-DevKitC-1";
            // nanoff --listtargets --platform esp32 names ESP32_S3 (docs) and ESP32_S3_QUAD /
            // ESP32_S3_OCTAL (newest builds, by PSRAM kind): confirm for the module at hand.
            board.NanoffTarget = "ESP32_S3_QUAD";
            // ADC1 channels 0-9 are GPIO 1-10 on the S3; GPIO4 is ADC1_CH3.
            board.NoiseAdcChannels = new int[] { 3 };
            board.NoiseAdcDescriptions = new string[] { "GPIO4 (ADC1_CH3), left floating" };
            board.I2cBus = 1;
            board.I2cDataPin = 8;
            board.I2cClockPin = 9;
            board.I2cPinsConfigurable = true;
            board.SensorAddress = 0x76;
            board.Network = NetworkKind.Wifi;
            board.StatusLedPin = -1; // the on-board LED is an addressable RGB LED, not a plain GPIO
            board.ClockResolutionUs = 1;
            board.HardwareRandom = true;
            board.EspNow = true;
            return board;
        }
    }
}
