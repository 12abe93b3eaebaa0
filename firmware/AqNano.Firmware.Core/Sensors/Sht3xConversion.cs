namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>SHT3x-DIS datasheet section 4.13: T = -45 + 175 x S_T / (2^16 - 1) degC and
    /// RH = 100 x S_RH / (2^16 - 1) %, here in thousandths, rounded half away from zero, integers only.</summary>
    public static class Sht3xConversion
    {
        private const int FullScale = 65535;

        public static int TemperatureMilliC(int raw)
        {
            return -45000 + DivideRounded(175000L * raw, FullScale);
        }

        public static int HumidityMilliPercent(int raw)
        {
            return DivideRounded(100000L * raw, FullScale);
        }

        private static int DivideRounded(long numerator, int denominator)
        {
            return (int)((2 * numerator + denominator) / (2 * denominator));
        }
    }
}
