namespace AqNano.Firmware.Core.Ports
{
    /// <summary>The chip id the deviceId derives from (DESIGN.md "The chain"): the station MAC,
    /// 6 bytes in transmission order (ESP32), or the 12-byte unique id from the lowest address up (STM32).</summary>
    public interface IChipId
    {
        /// <summary>Writes the id at buffer[offset..] and returns its length (6 or 12).</summary>
        int Read(byte[] buffer, int offset);
    }
}
