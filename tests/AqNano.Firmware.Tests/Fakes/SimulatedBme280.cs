using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>A BME280 register map behind the I2C port (after dotnet/iot's Bmxx80 SimulatedI2cDevice):
/// register-pointer writes, burst reads with auto-increment, and a log of register writes.</summary>
public sealed class SimulatedBme280 : II2cDevice
{
    public readonly byte[] Registers = new byte[256];
    public readonly Dictionary<byte, byte> Written = new();
    public bool Answers = true;

    public SimulatedBme280() => Registers[0xD0] = 0x60;

    public void SetUInt16(int register, ushort value)
    {
        Registers[register] = (byte)value;
        Registers[register + 1] = (byte)(value >> 8);
    }

    public void SetAdcTemperature(int adcT)
    {
        Registers[0xFA] = (byte)(adcT >> 12);
        Registers[0xFB] = (byte)(adcT >> 4);
        Registers[0xFC] = (byte)((adcT & 0xF) << 4);
    }

    public void SetAdcHumidity(int adcH)
    {
        Registers[0xFD] = (byte)(adcH >> 8);
        Registers[0xFE] = (byte)adcH;
    }

    public bool Write(byte[] buffer, int offset, int length)
    {
        if (!Answers) return false;
        for (int i = 1; i < length; i++) Written[(byte)(buffer[offset] + i - 1)] = buffer[offset + i];
        return true;
    }

    public bool WriteRead(byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
    {
        if (!Answers) return false;
        int register = write[writeOffset];
        for (int i = 0; i < readLength; i++) read[readOffset + i] = Registers[(register + i) & 0xFF];
        return true;
    }
}
