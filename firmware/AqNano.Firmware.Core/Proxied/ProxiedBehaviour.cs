using AqNano.Firmware.Core.Sampling;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Proxied
{
    /// <summary>What a gateway measures of a plain device between two frames of its proxied chain (one
    /// window), written into the v1 feature slots (docs/ADOPTION.md "Gateway-mediated retrofit" "Feature slots"): the wire
    /// format stays v1 exactly, so a proxied frame reuses the slots with these meanings:
    ///   0 (adcMean)         mean of the device's readings, in the reading's own unit
    ///   1 (adcStdDev)       population standard deviation of those readings
    ///   2 (adcLsbOnesRatio) mean signal strength in dBm, only where the bus reports one
    ///   3 (jitterMeanUs)    mean time between the device's messages, in MILLISECONDS (a 10 s cadence
    ///                       in microseconds x 1000 would overflow the int32 wire value)
    ///   4 (jitterStdDevUs)  standard deviation of that time, in milliseconds
    ///   5-7                 absent
    /// Running means by Welford's update (Knuth TAOCP vol. 2, 4.2.2), in doubles: no sums to overflow.
    /// Allocation-free.</summary>
    public sealed class ProxiedBehaviour
    {
        public const ushort ValueMask = (1 << Features.AdcMean) | (1 << Features.AdcStdDev);
        public const ushort SignalMask = 1 << Features.AdcLsbOnesRatio;
        public const ushort CadenceMask = (1 << Features.JitterMeanUs) | (1 << Features.JitterStdDevUs);

        private int _values;
        private double _valueMean;
        private double _valueM2;
        private int _intervals;
        private double _intervalMeanMs;
        private double _intervalM2;
        private int _signals;
        private double _signalMeanDbm;
        private bool _hasLastArrival;
        private ulong _lastArrivalUs;

        /// <summary>Messages seen in the current window.</summary>
        public int Observations { get { return _values; } }

        /// <summary>One message of the device: when the gateway received it (its own monotonic clock),
        /// the reading x 1000, and the signal strength where there is one. The first message of a window
        /// is timed from the last one of the window before: cadence runs across frames.</summary>
        public void Observe(ulong arrivalUs, int valueMilli, bool hasSignal, int signalDbm)
        {
            if (_hasLastArrival && arrivalUs > _lastArrivalUs)
            {
                double intervalMs = (arrivalUs - _lastArrivalUs) / 1000.0;
                _intervals++;
                double delta = intervalMs - _intervalMeanMs;
                _intervalMeanMs += delta / _intervals;
                _intervalM2 += delta * (intervalMs - _intervalMeanMs);
            }
            _hasLastArrival = true;
            _lastArrivalUs = arrivalUs;
            double value = valueMilli / 1000.0;
            _values++;
            double valueDelta = value - _valueMean;
            _valueMean += valueDelta / _values;
            _valueM2 += valueDelta * (value - _valueMean);
            if (hasSignal)
            {
                _signals++;
                _signalMeanDbm += (signalDbm - _signalMeanDbm) / _signals;
            }
        }

        /// <summary>Writes the window's features by slot into <paramref name="features"/>; returns the mask.</summary>
        public ushort WriteFeatures(int[] features)
        {
            ushort mask = 0;
            if (_values > 0)
            {
                features[Features.AdcMean] = Features.ToWire(_valueMean);
                features[Features.AdcStdDev] = Features.ToWire(RealMath.Sqrt(_valueM2 / _values));
                mask |= ValueMask;
            }
            if (_signals > 0)
            {
                features[Features.AdcLsbOnesRatio] = Features.ToWire(_signalMeanDbm);
                mask |= SignalMask;
            }
            if (_intervals > 0)
            {
                features[Features.JitterMeanUs] = Features.ToWire(_intervalMeanMs);
                features[Features.JitterStdDevUs] = Features.ToWire(RealMath.Sqrt(_intervalM2 / _intervals));
                mask |= CadenceMask;
            }
            return mask;
        }

        /// <summary>Starts the next window; the last arrival is kept so that cadence spans windows.</summary>
        public void ResetWindow()
        {
            _values = 0;
            _valueMean = 0;
            _valueM2 = 0;
            _intervals = 0;
            _intervalMeanMs = 0;
            _intervalM2 = 0;
            _signals = 0;
            _signalMeanDbm = 0;
        }

        /// <summary>Forgets everything, the last arrival too (the gateway lost its RAM).</summary>
        public void Forget()
        {
            ResetWindow();
            _hasLastArrival = false;
            _lastArrivalUs = 0;
        }
    }
}
