namespace AqNano.Firmware.Core.Ports
{
    /// <summary>One device on an I2C bus at a fixed address. Board:
    /// System.Device.I2c I2cDevice (Write / WriteRead returning I2cTransferResult).</summary>
    public interface II2cDevice
    {
        /// <summary>Writes buffer[offset..+length]; false when the transfer did not complete.</summary>
        bool Write(byte[] buffer, int offset, int length);

        /// <summary>Writes, then reads with a repeated start; false when either part did not complete.</summary>
        bool WriteRead(byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength);
    }
}
