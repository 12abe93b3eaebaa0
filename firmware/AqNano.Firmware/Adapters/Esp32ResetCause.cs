using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Frames;
using nanoFramework.Hardware.Esp32;

namespace AqNano.Firmware.Adapters
{
    /// <summary>Why this ESP32 boot happened, as far as nanoFramework tells: Sleep.GetWakeupCause()
    /// (nanoFramework.Hardware.Esp32, Sleep.cs) names deep-sleep wakes; for every other start it
    /// says Undefined, and no managed API exposes esp_reset_reason(), so power-on, brownout,
    /// watchdog and software resets all report Unknown (0) rather than a guess.</summary>
    internal sealed class Esp32ResetCause : IResetCauseSource
    {
        public ResetCause Read()
        {
            Sleep.WakeupCause cause = Sleep.GetWakeupCause();
            switch (cause)
            {
                case Sleep.WakeupCause.Ext0:
                case Sleep.WakeupCause.Ext1:
                case Sleep.WakeupCause.Timer:
                case Sleep.WakeupCause.TouchPad:
                case Sleep.WakeupCause.Ulp:
                    return ResetCause.DeepSleepWake;
                default:
                    return ResetCause.Unknown;
            }
        }
    }
}
