namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>NIST SP 800-90B 4.4.2: in each window of W samples, fails when the window's first
    /// value occurs C or more times, C from <see cref="HealthCutoffs.AdaptiveProportion"/>. Windows
    /// span events (an event has fewer than W samples); a failure latches until <see cref="Reset"/>.</summary>
    public sealed class AdaptiveProportionTest
    {
        private readonly int _cutoff;
        private readonly int _window;
        private uint _first;
        private int _count;
        private int _seen;

        public AdaptiveProportionTest(double bitsPerSample, int window)
        {
            _window = window;
            _cutoff = HealthCutoffs.AdaptiveProportion(bitsPerSample, window);
        }

        public int Cutoff { get { return _cutoff; } }
        public int Window { get { return _window; } }
        public bool Failed { get; private set; }

        /// <summary>Feeds one sample; returns false once the test has failed.</summary>
        public bool Feed(uint sample)
        {
            if (_seen == 0)
            {
                _first = sample;
                _count = 1;
            }
            else if (sample == _first)
            {
                _count++;
                if (_count >= _cutoff) Failed = true;
            }
            _seen++;
            if (_seen == _window) _seen = 0;
            return !Failed;
        }

        public void Reset()
        {
            _seen = 0;
            _count = 0;
            Failed = false;
        }
    }
}
