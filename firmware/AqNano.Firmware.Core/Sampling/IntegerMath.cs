namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>Integer helpers for the features (issue 3: "an integer square root is enough for a
    /// standard deviation").</summary>
    public static class IntegerMath
    {
        /// <summary>floor(sqrt(value)), bit by bit (no floating point, exact for every ulong).</summary>
        public static ulong Isqrt(ulong value)
        {
            ulong result = 0;
            ulong bit = 1UL << 62;
            while (bit > value) bit >>= 2;
            while (bit != 0)
            {
                if (value >= result + bit)
                {
                    value -= result + bit;
                    result = (result >> 1) + bit;
                }
                else
                {
                    result >>= 1;
                }
                bit >>= 2;
            }
            return result;
        }

        /// <summary>numerator / denominator rounded half away from zero, for numerator &gt;= 0, denominator &gt; 0.</summary>
        public static long DivideRounded(ulong numerator, ulong denominator)
        {
            return (long)((2 * numerator + denominator) / (2 * denominator));
        }
    }
}
