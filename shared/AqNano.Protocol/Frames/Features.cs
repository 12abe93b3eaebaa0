namespace AqNano.Protocol.Frames
{
    /// <summary>The v1 feature bits of featureMask; values travel as int32 = value x 1000,
    /// rounded half away from zero (DESIGN.md "Genesis and Observation body").</summary>
    public static class Features
    {
        public const int AdcMean = 0;
        public const int AdcStdDev = 1;
        public const int AdcLsbOnesRatio = 2;
        public const int JitterMeanUs = 3;
        public const int JitterStdDevUs = 4;
        public const int TemperatureC = 5;
        public const int RelativeHumidity = 6;
        public const int FreeMemoryKb = 7;
        public const int Count = 8;
        public const ushort AllMask = 0x00FF;
        public const ushort ReservedMask = 0xFF00;
        public const int Scale = 1000;

        public static bool IsPresent(ushort featureMask, int feature)
        {
            return (featureMask & (1 << feature)) != 0;
        }

        /// <summary>How many features a mask names (its population count over bits 0-7).</summary>
        public static int CountPresent(ushort featureMask)
        {
            int count = 0;
            for (int i = 0; i < Count; i++)
            {
                if (IsPresent(featureMask, i)) count++;
            }
            return count;
        }

        /// <summary>value x 1000 rounded half away from zero, saturated to int32.
        /// By hand: nanoFramework's Math lives in a separate package.</summary>
        public static int ToWire(double value)
        {
            double scaled = value * Scale;
            if (scaled >= int.MaxValue) return int.MaxValue;
            if (scaled <= int.MinValue) return int.MinValue;
            if (double.IsNaN(scaled)) return 0;
            return scaled >= 0 ? (int)(scaled + 0.5) : -(int)(-scaled + 0.5);
        }

        public static double FromWire(int value)
        {
            return value / (double)Scale;
        }
    }
}
