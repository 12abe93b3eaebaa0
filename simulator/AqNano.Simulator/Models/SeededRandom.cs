namespace AqNano.Simulator.Models;

/// <summary>The simulator's only source of randomness: xoshiro256** seeded through SplitMix64
/// (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021). Our own code,
/// not System.Random, so that a seed means the same numbers on every .NET version: the
/// bit-for-bit reproducibility of issue 4 rests on it.</summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>An independent stream named by <paramref name="streamId"/>: each unit and each model
    /// draws from its own, so adding a model or a board never shifts another's numbers.</summary>
    public static SeededRandom Derive(ulong seed, ulong streamId, ulong subStream = 0)
    {
        ulong x = seed ^ 0x6A09E667F3BCC909UL;
        ulong a = SplitMix64(ref x) ^ streamId;
        ulong b = SplitMix64(ref a) ^ subStream;
        return new SeededRandom(SplitMix64(ref b));
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, exclusiveHigh).</summary>
    public int NextInt(int exclusiveHigh) => exclusiveHigh <= 0 ? 0 : (int)(NextUInt64() % (ulong)exclusiveHigh);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Standard normal by the Marsaglia polar method (one spare kept).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    public double Gaussian(double mean, double standardDeviation) => mean + standardDeviation * NextGaussian();

    public void Fill(byte[] buffer, int offset, int length)
    {
        int i = 0;
        while (i < length)
        {
            ulong word = NextUInt64();
            for (int b = 0; b < 8 && i < length; b++, i++)
            {
                buffer[offset + i] = (byte)(word >> (8 * b));
            }
        }
    }

    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
