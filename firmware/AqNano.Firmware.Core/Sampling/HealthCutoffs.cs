namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>The health-test cutoffs of NIST SP 800-90B section 4.4, computed from the stated
    /// min-entropy per sample H with the false-positive probability alpha = 2^-20 the standard
    /// recommends (4.4: "alpha = 2^-20 ... is recommended").</summary>
    public static class HealthCutoffs
    {
        /// <summary>-log2(alpha).</summary>
        public const int AlphaExponent = 20;
        /// <summary>4.4.2: W = 1024 for binary sources, 512 for all others.</summary>
        public const int NonBinaryWindow = 512;
        public const int BinaryWindow = 1024;

        /// <summary>4.4.1 Repetition Count Test: C = 1 + ceil(-log2(alpha) / H).</summary>
        public static int RepetitionCount(double bitsPerSample)
        {
            double ratio = AlphaExponent / bitsPerSample;
            int whole = (int)ratio;
            if (whole < ratio) whole++;
            return 1 + whole;
        }

        /// <summary>4.4.2 Adaptive Proportion Test: C = 1 + CRITBINOM(W, 2^-H, 1 - alpha), the
        /// smallest count whose binomial lower tail reaches 1 - alpha, plus one.</summary>
        public static int AdaptiveProportion(double bitsPerSample, int window)
        {
            return AdaptiveProportion(bitsPerSample, window, AlphaExponent);
        }

        /// <summary>The same for alpha = 2^-<paramref name="alphaExponent"/>.</summary>
        public static int AdaptiveProportion(double bitsPerSample, int window, int alphaExponent)
        {
            double p = RealMath.Exp2(-bitsPerSample);
            double alpha = RealMath.Exp2(-alphaExponent);
            return 1 + CriticalBinomial(window, p, alpha);
        }

        /// <summary>Smallest k with P(X &lt;= k) &gt;= 1 - alpha for X ~ Binomial(n, p). Summed from the
        /// side whose first term does not underflow: below p = 0.5 from k = 0 up, else from k = n down.</summary>
        private static int CriticalBinomial(int n, double p, double alpha)
        {
            if (p >= 1) return n;
            if (p < 0.5)
            {
                double probability = 1;
                for (int i = 0; i < n; i++) probability *= 1 - p;
                double cumulative = probability;
                int k = 0;
                while (cumulative < 1 - alpha && k < n)
                {
                    probability *= (double)(n - k) / (k + 1) * p / (1 - p);
                    k++;
                    cumulative += probability;
                }
                return k;
            }
            double top = 1;
            for (int i = 0; i < n; i++) top *= p;
            double upperTail = 0;
            double term = top;
            for (int j = n; j > 0; j--)
            {
                // upperTail + term = P(X >= j) = P(X > j - 1): once above alpha, k = j is the answer.
                if (upperTail + term > alpha) return j;
                upperTail += term;
                term *= (double)j / (n - j + 1) * (1 - p) / p;
            }
            return 0;
        }
    }
}
