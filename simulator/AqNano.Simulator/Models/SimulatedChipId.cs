using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>The unit's drawn chip id: a 6-byte station MAC (ESP32) or a 12-byte unique id (STM32).</summary>
public sealed class SimulatedChipId : IChipId
{
    private readonly byte[] _id;

    public SimulatedChipId(byte[] id) => _id = (byte[])id.Clone();

    public int Read(byte[] buffer, int offset)
    {
        Array.Copy(_id, 0, buffer, offset, _id.Length);
        return _id.Length;
    }
}
