namespace AqNano.Boards
{
    /// <summary>ST STM32F769I-DISCO. Channel and pin numbers from nf-interpreter
    /// targets/ChibiOS/ST_STM32F769I_DISCOVERY (target_system_device_adc_config.cpp, I2C1 config).</summary>
    public static class Stm32F769IDiscovery
    {
        public static BoardProfile Create()
        {
            BoardProfile board = new BoardProfile();
            board.Name = "ST STM32F769I-DISCOVERY";
            board.NanoffTarget = "ST_STM32F769I_DISCOVERY";
            // Channel 0 = PA6 (ADC1_IN6, Arduino A0), 5 = internal temperature sensor (ADC1).
            board.NoiseAdcChannels = new int[] { 0, 5 };
            board.NoiseAdcDescriptions = new string[] { "PA6 (Arduino A0), left floating", "internal temperature sensor" };
            board.I2cBus = 1;
            board.I2cDataPin = 25;  // PB9, Arduino D14
            board.I2cClockPin = 24; // PB8, Arduino D15
            board.I2cPinsConfigurable = false;
            board.SensorAddress = 0x76;
            board.Network = NetworkKind.Ethernet;
            board.StatusLedPin = 9 * 16 + 5; // PJ5, green user LED LD2
            // No microsecond timer is exposed on STM32: millisecond ticks (NANOFRAMEWORK.md).
            board.ClockResolutionUs = 1000;
            board.HardwareRandom = true;
            board.EspNow = false;
            return board;
        }
    }
}
