namespace AqNano.Firmware.Core.Sampling
{
    /// <summary>Which raw source failed which NIST SP 800-90B 4.4 test; any of them stops the epoch
    /// (DESIGN.md "Entropy").</summary>
    public enum EntropyFault : byte
    {
        None = 0,
        AdcRepetition = 1,
        AdcProportion = 2,
        TimingRepetition = 3,
        TimingProportion = 4,
        RandomRepetition = 5,
        RandomProportion = 6,
    }
}
