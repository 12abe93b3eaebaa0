namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>The datasheet's integer compensation formulas (BST-BME280-DS002 section 4.2.3 and
    /// 8.2, "32-bit integer"): temperature in 0.01 degC with t_fine carried to humidity, humidity in
    /// Q22.10 %RH. Kept literal, shift for shift, so that they can be checked against the datasheet.</summary>
    public static class Bme280Compensation
    {
        /// <summary>Returns T in 0.01 degC (5123 = 51.23 degC) and sets t_fine.</summary>
        public static int Temperature(int adcT, Bme280Calibration c, out int tFine)
        {
            int var1 = (((adcT >> 3) - (c.T1 << 1)) * c.T2) >> 11;
            int var2 = (((((adcT >> 4) - c.T1) * ((adcT >> 4) - c.T1)) >> 12) * c.T3) >> 14;
            tFine = var1 + var2;
            return (tFine * 5 + 128) >> 8;
        }

        /// <summary>Returns %RH in Q22.10 (47445 = 47445 / 1024 = 46.333 %RH).</summary>
        public static uint Humidity(int adcH, int tFine, Bme280Calibration c)
        {
            int v = tFine - 76800;
            v = ((((adcH << 14) - (c.H4 << 20) - (c.H5 * v)) + 16384) >> 15)
                * (((((((v * c.H6) >> 10) * (((v * c.H3) >> 11) + 32768)) >> 10) + 2097152) * c.H2 + 8192) >> 14);
            v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.H1) >> 4);
            if (v < 0) v = 0;
            if (v > 419430400) v = 419430400;
            return (uint)(v >> 12);
        }
    }
}
