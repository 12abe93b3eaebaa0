using AqNano.Firmware.Core.Ports;
using AqNano.Firmware.Core.Sensors;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>An SHT3x behind the I2C port: remembers the last command and answers Fetch Data with
/// the configured raw words and their CRCs (or NACKs until periodic mode is started).</summary>
public sealed class SimulatedSht3x : II2cDevice
{
    public int RawTemperature = 0x6666;
    public int RawHumidity = 0x8000;
    public bool CorruptCrc;
    public ushort LastCommand;
    public bool Periodic;

    public bool Write(byte[] buffer, int offset, int length)
    {
        LastCommand = (ushort)((buffer[offset] << 8) | buffer[offset + 1]);
        if (LastCommand == 0x2130) Periodic = true;
        return length == 2;
    }

    public bool WriteRead(byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
    {
        LastCommand = (ushort)((write[writeOffset] << 8) | write[writeOffset + 1]);
        if (!Periodic || LastCommand != 0xE000 || readLength != 6) return false;
        var words = new byte[] { (byte)(RawTemperature >> 8), (byte)RawTemperature, 0, (byte)(RawHumidity >> 8), (byte)RawHumidity, 0 };
        words[2] = Sht3xCrc.Compute(words, 0);
        words[5] = (byte)(Sht3xCrc.Compute(words, 3) ^ (CorruptCrc ? 1 : 0));
        Array.Copy(words, 0, read, readOffset, 6);
        return true;
    }
}
