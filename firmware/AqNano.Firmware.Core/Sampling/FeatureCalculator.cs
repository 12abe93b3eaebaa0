using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>The v1 features (DESIGN.md "Genesis and Observation body") from the event's own
    /// samples, in integers: value x 1000 rounded half away from zero, standard deviations by an
    /// integer square root. round(sqrt(X) / n) = floor((isqrt(4X) + n) / 2n) exactly, because
    /// floor(floor(y) / m) = floor(y / m) for whole m.</summary>
    public static class FeatureCalculator
    {
        /// <summary>Writes features 0-4 and 7 (and 5-6 when <paramref name="sensorOk"/>) into
        /// <paramref name="features"/> indexed by bit, and returns the featureMask.</summary>
        public static ushort Compute(uint[] adc, int adcCount, uint[] timing, int timingCount,
                                     bool sensorOk, int temperatureMilliC, int humidityMilliPercent,
                                     int freeBytes, int[] features)
        {
            ushort mask = 0;
            if (adcCount > 0)
            {
                features[Features.AdcMean] = MeanMilli(adc, adcCount);
                features[Features.AdcStdDev] = StdDevMilli(adc, adcCount);
                int ones = 0;
                for (int i = 0; i < adcCount; i++) ones += (int)(adc[i] & 1);
                features[Features.AdcLsbOnesRatio] = (int)IntegerMath.DivideRounded((ulong)ones * 1000, (ulong)adcCount);
                mask |= (1 << Features.AdcMean) | (1 << Features.AdcStdDev) | (1 << Features.AdcLsbOnesRatio);
            }
            if (timingCount > 0)
            {
                features[Features.JitterMeanUs] = MeanMilli(timing, timingCount);
                features[Features.JitterStdDevUs] = StdDevMilli(timing, timingCount);
                mask |= (1 << Features.JitterMeanUs) | (1 << Features.JitterStdDevUs);
            }
            if (sensorOk)
            {
                features[Features.TemperatureC] = temperatureMilliC;
                features[Features.RelativeHumidity] = humidityMilliPercent;
                mask |= (1 << Features.TemperatureC) | (1 << Features.RelativeHumidity);
            }
            if (freeBytes >= 0)
            {
                features[Features.FreeMemoryKb] = (int)IntegerMath.DivideRounded((ulong)freeBytes * 1000, 1024);
                mask |= 1 << Features.FreeMemoryKb;
            }
            return mask;
        }

        /// <summary>mean x 1000, rounded.</summary>
        public static int MeanMilli(uint[] values, int count)
        {
            ulong sum = 0;
            for (int i = 0; i < count; i++) sum += values[i];
            return Saturate(IntegerMath.DivideRounded(sum * 1000, (ulong)count));
        }

        /// <summary>Population standard deviation x 1000, rounded: sqrt(n S2 - S1^2) / n with
        /// X = (n S2 - S1^2) x 10^6. Beyond 2^62 / 4 it falls back to floating point.</summary>
        public static int StdDevMilli(uint[] values, int count)
        {
            ulong sum = 0;
            ulong sumSquares = 0;
            for (int i = 0; i < count; i++)
            {
                sum += values[i];
                sumSquares += (ulong)values[i] * values[i];
            }
            ulong n = (ulong)count;
            ulong spread = n * sumSquares - sum * sum;
            if (spread <= (ulong.MaxValue / 4) / 1000000UL)
            {
                ulong root = IntegerMath.Isqrt(4 * spread * 1000000UL);
                return Saturate((long)((root + n) / (2 * n)));
            }
            double deviation = RealMath.Sqrt((double)spread) * 1000 / count;
            return Saturate((long)(deviation + 0.5));
        }

        private static int Saturate(long value)
        {
            return value > int.MaxValue ? int.MaxValue : (int)value;
        }
    }
}
