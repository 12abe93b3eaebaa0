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

        /// <summary>value x 1000 rounded half away from zero, saturated to int32; NaN is 0.
        /// By hand: nanoFramework's Math lives in a separate package. The magnitude is truncated
        /// and its fraction compared, because the former "negate, add 0.5, cast" overflowed the
        /// int cast at the bottom of the range (-2147483647.5 came out as -2147483647).</summary>
        public static int ToWire(double value)
        {
            if (double.IsNaN(value)) return 0;
            double scaled = value * Scale;
            bool negative = scaled < 0;
            double magnitude = negative ? -scaled : scaled;
            if (magnitude >= 2147483648.5) return negative ? int.MinValue : int.MaxValue;
            long whole = (long)magnitude; // exact: magnitude < 2^31 + 1
            if (magnitude - whole >= 0.5) whole++;
            long rounded = negative ? -whole : whole;
            if (rounded > int.MaxValue) return int.MaxValue;
            if (rounded < int.MinValue) return int.MinValue;
            return (int)rounded;
        }

        public static double FromWire(int value)
        {
            return value / (double)Scale;
        }
    }
}
