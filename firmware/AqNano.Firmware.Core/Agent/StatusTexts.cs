using AqNano.Firmware.Core.Sampling;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What the device says on its status output: constant strings, so that reporting
    /// allocates nothing (IStatusOutput).</summary>
    public static class StatusTexts
    {
        public const string NotBooted = "not booted";
        public const string Gathering = "gathering entropy: no Genesis before 128 bits of min-entropy";
        public const string UplinkDown = "uplink down: chain paused, frames kept";
        public const string Running = "running";
        public const string BackingOff = "refused by the verifier: backing off";
        public const string AdcRepetition = "entropy source failed: ADC repetition count test (SP 800-90B 4.4.1); epoch stopped";
        public const string AdcProportion = "entropy source failed: ADC adaptive proportion test (SP 800-90B 4.4.2); epoch stopped";
        public const string TimingRepetition = "entropy source failed: timing repetition count test (SP 800-90B 4.4.1); epoch stopped";
        public const string TimingProportion = "entropy source failed: timing adaptive proportion test (SP 800-90B 4.4.2); epoch stopped";
        public const string RandomRepetition = "entropy source failed: hardware random repetition count test (SP 800-90B 4.4.1); epoch stopped";
        public const string RandomProportion = "entropy source failed: hardware random adaptive proportion test (SP 800-90B 4.4.2); epoch stopped";

        public static string ForFault(EntropyFault fault)
        {
            switch (fault)
            {
                case EntropyFault.AdcRepetition: return AdcRepetition;
                case EntropyFault.AdcProportion: return AdcProportion;
                case EntropyFault.TimingRepetition: return TimingRepetition;
                case EntropyFault.TimingProportion: return TimingProportion;
                case EntropyFault.RandomRepetition: return RandomRepetition;
                default: return RandomProportion;
            }
        }
    }
}
