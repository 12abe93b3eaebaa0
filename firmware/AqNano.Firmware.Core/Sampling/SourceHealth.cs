namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>Both 800-90B 4.4 tests on one raw source, with the stated H they were derived from.</summary>
    public sealed class SourceHealth
    {
        public readonly RepetitionCountTest Repetition;
        public readonly AdaptiveProportionTest Proportion;
        public readonly double StatedBitsPerSample;

        public SourceHealth(double statedBitsPerSample)
        {
            StatedBitsPerSample = statedBitsPerSample;
            Repetition = new RepetitionCountTest(statedBitsPerSample);
            Proportion = new AdaptiveProportionTest(statedBitsPerSample, HealthCutoffs.NonBinaryWindow);
        }

        public bool Failed { get { return Repetition.Failed || Proportion.Failed; } }

        /// <summary>Feeds one sample to both tests; false once either has failed.</summary>
        public bool Feed(uint sample)
        {
            bool repetitionOk = Repetition.Feed(sample);
            bool proportionOk = Proportion.Feed(sample);
            return repetitionOk && proportionOk;
        }

        public void Reset()
        {
            Repetition.Reset();
            Proportion.Reset();
        }
    }
}
