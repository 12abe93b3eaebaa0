using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>One event's raw samples (DESIGN.md "The chain": raw_n) and what they are worth.
    /// A pass appends to the raw pool, in the order the reference vectors use: ADC readings as
    /// uint16, timing deltas as uint32, the sensor words as read (two int32), then 32 bytes of
    /// hardware random where the chip has it. Every sample goes through its source's 800-90B 4.4
    /// health tests; the pass credits min(stated H, MCV estimate) per sample. Raw stays here and is
    /// never sent. All buffers are allocated once: a pass allocates nothing.</summary>
    public sealed class EntropySampler
    {
        public const int RandomBytesPerEvent = 32;
        private const int SensorBytes = 8;

        private readonly IAdcChannel[] _channels;
        private readonly IMicrosecondClock _clock;
        private readonly IHardwareRandom _random;
        private readonly IEnvironmentSensor _sensor;
        private readonly IFreeMemory _memory;
        private readonly ChainMath _math;
        private readonly int _loopIterations;
        private readonly uint[] _adc;
        private readonly uint[] _timing;
        private readonly uint[] _randomSymbols = new uint[RandomBytesPerEvent];
        private readonly byte[] _randomBytes = new byte[RandomBytesPerEvent];
        private readonly SourceHealth _adcHealth;
        private readonly SourceHealth _timingHealth;
        private readonly SourceHealth _randomHealth;
        private readonly MostCommonValueEstimate _estimate;
        private readonly byte[] _raw;
        private readonly int _passBytes;
        private int _rawLength;
        private double _pooledBits;
        private int _loopSink;

        public EntropySampler(DevicePorts ports, int adcSamples, int timingSamples, int loopIterations,
                              double adcBits, double timingBits, double randomBits, int poolPasses, ChainMath math)
        {
            _channels = ports.NoiseChannels;
            _clock = ports.Clock;
            _random = ports.Random;
            _sensor = ports.Sensor;
            _memory = ports.Memory;
            _math = math;
            _loopIterations = loopIterations;
            bool hasAdc = _channels != null && _channels.Length > 0;
            _adc = new uint[hasAdc ? adcSamples : 0];
            // A clock coarser than 1 us (STM32: millisecond ticks) shows no loop jitter: the deltas
            // are still mixed in but neither tested nor credited, else the RCT would stop every epoch.
            TimingCredited = _clock.ResolutionUs <= 1;
            _timing = new uint[timingSamples];
            _adcHealth = new SourceHealth(adcBits);
            _timingHealth = new SourceHealth(timingBits);
            _randomHealth = new SourceHealth(randomBits);
            int largest = adcSamples > timingSamples ? adcSamples : timingSamples;
            _estimate = new MostCommonValueEstimate(largest > RandomBytesPerEvent ? largest : RandomBytesPerEvent);
            _passBytes = 2 * _adc.Length + 4 * timingSamples + SensorBytes + RandomBytesPerEvent;
            if (poolPasses < 2) poolPasses = 2;
            _raw = new byte[_passBytes * poolPasses];
        }

        public bool TimingCredited { get; private set; }
        public bool RandomUsed { get { return _random != null && _random.IsAvailable; } }
        public EntropyFault Fault { get; private set; }

        /// <summary>The raw pool: raw_n of the current event (or of the boot, for Genesis).</summary>
        public byte[] Raw { get { return _raw; } }
        public int RawLength { get { return _rawLength; } }

        /// <summary>Min-entropy credited to the pool since <see cref="BeginPool"/>, in bits.</summary>
        public double PooledBits { get { return _pooledBits; } }

        // The last pass's samples, for the features.
        public uint[] AdcSamples { get { return _adc; } }
        public uint[] TimingSamples { get { return _timing; } }
        public bool SensorOk { get; private set; }
        public int TemperatureMilliC { get; private set; }
        public int HumidityMilliPercent { get; private set; }
        public int FreeBytes { get; private set; }

        /// <summary>Empties the pool: the next passes make up one raw_n.</summary>
        public void BeginPool()
        {
            _rawLength = 0;
            _pooledBits = 0;
        }

        /// <summary>Clears the health tests' latched failures (a new boot).</summary>
        public void ResetHealth()
        {
            _adcHealth.Reset();
            _timingHealth.Reset();
            _randomHealth.Reset();
            Fault = EntropyFault.None;
        }

        /// <summary>Samples one pass into the pool. False when a source failed its health test
        /// (<see cref="Fault"/> says which); the pool is then not to be used.</summary>
        public bool SamplePass()
        {
            if (Fault != EntropyFault.None) return false;
            if (_rawLength + _passBytes > _raw.Length) Condense();
            double credit = 0;
            if (!SampleAdc(ref credit)) return false;
            if (!SampleTiming(ref credit)) return false;
            SampleSensor();
            if (!SampleRandom(ref credit)) return false;
            _pooledBits += credit;
            FreeBytes = _memory == null ? -1 : _memory.FreeBytes();
            return true;
        }

        private bool SampleAdc(ref double credit)
        {
            if (_adc.Length == 0) return true;
            for (int i = 0; i < _adc.Length; i++)
            {
                IAdcChannel channel = _channels[i % _channels.Length];
                uint reading = (uint)channel.Read() & 0xFFFF;
                _adc[i] = reading;
                LittleEndian.WriteUInt16(_raw, _rawLength, (ushort)reading);
                _rawLength += 2;
                if (!_adcHealth.Feed(reading))
                {
                    Fault = _adcHealth.Repetition.Failed ? EntropyFault.AdcRepetition : EntropyFault.AdcProportion;
                    return false;
                }
            }
            credit += Credit(_adcHealth.StatedBitsPerSample, _adc, _adc.Length);
            return true;
        }

        private bool SampleTiming(ref double credit)
        {
            ulong previous = _clock.NowUs;
            for (int i = 0; i < _timing.Length; i++)
            {
                int sink = _loopSink;
                for (int k = 0; k < _loopIterations; k++) sink = sink * 31 + k;
                _loopSink = sink;
                ulong now = _clock.NowUs;
                uint delta = (uint)(now - previous);
                previous = now;
                _timing[i] = delta;
                LittleEndian.WriteUInt32(_raw, _rawLength, delta);
                _rawLength += 4;
                if (TimingCredited && !_timingHealth.Feed(delta))
                {
                    Fault = _timingHealth.Repetition.Failed ? EntropyFault.TimingRepetition : EntropyFault.TimingProportion;
                    return false;
                }
            }
            if (TimingCredited) credit += Credit(_timingHealth.StatedBitsPerSample, _timing, _timing.Length);
            return true;
        }

        private void SampleSensor()
        {
            int temperature = 0;
            int humidity = 0;
            SensorOk = _sensor != null && _sensor.TryRead(out temperature, out humidity);
            TemperatureMilliC = temperature;
            HumidityMilliPercent = humidity;
            if (!SensorOk) return;
            LittleEndian.WriteUInt32(_raw, _rawLength, (uint)temperature);
            LittleEndian.WriteUInt32(_raw, _rawLength + 4, (uint)humidity);
            _rawLength += SensorBytes;
        }

        private bool SampleRandom(ref double credit)
        {
            if (!RandomUsed) return true;
            _random.Fill(_randomBytes, 0, RandomBytesPerEvent);
            System.Array.Copy(_randomBytes, 0, _raw, _rawLength, RandomBytesPerEvent);
            _rawLength += RandomBytesPerEvent;
            for (int i = 0; i < RandomBytesPerEvent; i++)
            {
                _randomSymbols[i] = _randomBytes[i];
                if (!_randomHealth.Feed(_randomBytes[i]))
                {
                    Fault = _randomHealth.Repetition.Failed ? EntropyFault.RandomRepetition : EntropyFault.RandomProportion;
                    return false;
                }
            }
            credit += Credit(_randomHealth.StatedBitsPerSample, _randomSymbols, RandomBytesPerEvent);
            return true;
        }

        private double Credit(double stated, uint[] samples, int count)
        {
            double estimated = _estimate.BitsPerSample(samples, count);
            return (estimated < stated ? estimated : stated) * count;
        }

        /// <summary>A boot that needs more passes than the pool holds: the pool so far is condensed to
        /// its 32-byte mix, which carries at most 256 bits, and sampling continues after it.</summary>
        private void Condense()
        {
            _math.Mix(_raw, 0, _rawLength, _randomBytes, 0);
            System.Array.Copy(_randomBytes, 0, _raw, 0, ChainMath.DigestSize);
            _rawLength = ChainMath.DigestSize;
            if (_pooledBits > 8 * ChainMath.DigestSize) _pooledBits = 8 * ChainMath.DigestSize;
        }
    }
}
