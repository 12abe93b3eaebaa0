using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Why this boot happened (ESP32: Sleep.GetWakeupCause() and the reset reason).</summary>
    public interface IResetCauseSource
    {
        ResetCause Read();
    }
}
