using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Frames;
using nanoFramework.Hardware.Stm32;

namespace AqNano.Firmware.Adapters
{
    /// <summary>STM32 wake reason (nanoframework/nanoFramework.Hardware.Stm32, Power.cs:
    /// Power.WakeupReason, FromStandby / FromPin / Undetermined). Standby loses RAM like ESP32 deep
    /// sleep, so it reports DeepSleepWake; everything else is Unknown: no reset-reason API exists.</summary>
    internal sealed class Stm32ResetCause : IResetCauseSource
    {
        public ResetCause Read()
        {
            Power.WakeupReasonType reason = Power.WakeupReason;
            if (reason == Power.WakeupReasonType.FromStandby || reason == Power.WakeupReasonType.FromPin)
            {
                return ResetCause.DeepSleepWake;
            }
            return ResetCause.Unknown;
        }
    }
}
