namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>The few real functions the entropy estimate needs, by hand: nanoFramework's Math
    /// is a separate package and Core references nothing but mscorlib (issue 3). Accurate to
    /// well below 1e-9 over the ranges used here, which the tests check against System.Math.</summary>
    public static class RealMath
    {
        private const double Ln2 = 0.69314718055994530942;

        /// <summary>Square root by Newton's method; 0 for x &lt;= 0.</summary>
        public static double Sqrt(double x)
        {
            if (x <= 0) return 0;
            double guess = x >= 1 ? x : 1;
            for (int i = 0; i < 200; i++)
            {
                double next = 0.5 * (guess + x / guess);
                if (next >= guess) break;
                guess = next;
            }
            return guess;
        }

        /// <summary>log2(x) for x &gt; 0: x = m * 2^e with m in [0.5, 1), ln m by the atanh series.</summary>
        public static double Log2(double x)
        {
            if (x <= 0) return double.NegativeInfinity;
            int exponent = 0;
            while (x >= 1) { x *= 0.5; exponent++; }
            while (x < 0.5) { x *= 2; exponent--; }
            double z = (x - 1) / (x + 1);
            double z2 = z * z;
            double term = z;
            double sum = 0;
            for (int k = 1; k < 200; k += 2)
            {
                double add = term / k;
                sum += add;
                if (add > -1e-18 && add < 1e-18) break;
                term *= z2;
            }
            return exponent + 2 * sum / Ln2;
        }

        /// <summary>2^x: integer part by halving or doubling, fraction by the exponential series.</summary>
        public static double Exp2(double x)
        {
            int whole = (int)x;
            if (whole > x) whole--;
            double fraction = (x - whole) * Ln2;
            double term = 1;
            double sum = 1;
            for (int k = 1; k < 60; k++)
            {
                term *= fraction / k;
                sum += term;
                if (term < 1e-18) break;
            }
            for (int i = 0; i < whole; i++) sum *= 2;
            for (int i = 0; i > whole; i--) sum *= 0.5;
            return sum;
        }
    }
}
