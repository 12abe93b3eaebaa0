namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>Min-entropy per sample by NIST SP 800-90B 6.3.1 (Most Common Value):
    /// p_u = min(1, p + 2.576 sqrt(p (1 - p) / (L - 1))), H = -log2(p_u), with p the most common
    /// value's share of the L samples. Sorts a copy in a scratch array it owns: no allocation.</summary>
    public sealed class MostCommonValueEstimate
    {
        private readonly uint[] _scratch;

        public MostCommonValueEstimate(int capacity)
        {
            _scratch = new uint[capacity];
        }

        /// <summary>Estimated bits per sample of samples[0..count); 0 for fewer than two samples.</summary>
        public double BitsPerSample(uint[] samples, int count)
        {
            if (count < 2) return 0;
            if (count > _scratch.Length) count = _scratch.Length;
            System.Array.Copy(samples, _scratch, count);
            InsertionSort(_scratch, count);
            int best = 1;
            int run = 1;
            for (int i = 1; i < count; i++)
            {
                run = _scratch[i] == _scratch[i - 1] ? run + 1 : 1;
                if (run > best) best = run;
            }
            double p = (double)best / count;
            double upper = p + 2.576 * RealMath.Sqrt(p * (1 - p) / (count - 1));
            if (upper >= 1) return 0;
            return -RealMath.Log2(upper);
        }

        private static void InsertionSort(uint[] values, int count)
        {
            for (int i = 1; i < count; i++)
            {
                uint value = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > value)
                {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = value;
            }
        }
    }
}
