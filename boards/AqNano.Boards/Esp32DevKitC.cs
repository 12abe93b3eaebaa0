namespace AqNano.Boards
{
    /// <summary>Espressif ESP32-DevKitC with an ESP32-WROOM-32 module.</summary>
    public static class Esp32DevKitC
    {
        public static BoardProfile Create()
        {
            BoardProfile board = new BoardProfile();
            board.Name = "ESP32-DevKitC (ESP32-WROOM-32)";
            board.NanoffTarget = "ESP32_REV0";
            // nanoFramework ESP32 ADC map: 0-7 are ADC1 on GPIO 36, 37, 38, 39, 32, 33, 34, 35;
            // 8 the internal temperature sensor. ADC2 is unusable while Wi-Fi is on.
            board.NoiseAdcChannels = new int[] { 6, 8 };
            board.NoiseAdcDescriptions = new string[] { "GPIO34 (ADC1_CH6), left floating", "internal temperature sensor" };
            board.I2cBus = 1;
            board.I2cDataPin = 21;
            board.I2cClockPin = 22;
            board.I2cPinsConfigurable = true;
            board.SensorAddress = 0x76;
            board.Network = NetworkKind.Wifi;
            board.StatusLedPin = -1; // the DevKitC has a power LED only
            board.ClockResolutionUs = 1;
            board.HardwareRandom = true;
            board.EspNow = true;
            return board;
        }
    }
}
