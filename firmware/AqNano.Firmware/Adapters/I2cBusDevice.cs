using System;
using System.Device.I2c;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>II2cDevice over System.Device.I2c (nanoframework/System.Device.I2c, I2cDevice.cs):
    /// Write / WriteRead take SpanByte and return I2cTransferResult; only FullTransfer counts.
    /// SpanByte(byte[], start, length) is in nanoFramework's mscorlib 1.17.11.</summary>
    internal sealed class I2cBusDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public I2cBusDevice(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }

        public bool Write(byte[] buffer, int offset, int length)
        {
            try
            {
                I2cTransferResult result = _device.Write(new SpanByte(buffer, offset, length));
                return result.Status == I2cTransferStatus.FullTransfer;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool WriteRead(byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
        {
            try
            {
                I2cTransferResult result = _device.WriteRead(new SpanByte(write, writeOffset, writeLength), new SpanByte(read, readOffset, readLength));
                return result.Status == I2cTransferStatus.FullTransfer;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
