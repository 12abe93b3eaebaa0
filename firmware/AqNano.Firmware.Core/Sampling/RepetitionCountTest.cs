namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>NIST SP 800-90B 4.4.1: fails when one value repeats C times in a row, C from
    /// <see cref="HealthCutoffs.RepetitionCount"/>. Runs continuously across events; a failure
    /// latches until <see cref="Reset"/> (a new boot).</summary>
    public sealed class RepetitionCountTest
    {
        private readonly int _cutoff;
        private uint _last;
        private int _run;
        private bool _started;

        public RepetitionCountTest(double bitsPerSample)
        {
            _cutoff = HealthCutoffs.RepetitionCount(bitsPerSample);
        }

        public int Cutoff { get { return _cutoff; } }
        public bool Failed { get; private set; }

        /// <summary>Feeds one sample; returns false once the test has failed.</summary>
        public bool Feed(uint sample)
        {
            if (_started && sample == _last)
            {
                _run++;
                if (_run >= _cutoff) Failed = true;
            }
            else
            {
                _last = sample;
                _run = 1;
                _started = true;
            }
            return !Failed;
        }

        public void Reset()
        {
            _started = false;
            _run = 0;
            Failed = false;
        }
    }
}
