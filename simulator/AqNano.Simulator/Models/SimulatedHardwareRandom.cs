using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>The chip's RNG, here a seeded stream: uniform bytes, reproducible by seed. ESP32 has one
/// reachable from managed code; nanoFramework's STM32 library exposes none (NANOFRAMEWORK.md), so the
/// STM32 model says it is unavailable and the Core leans on its other sources.</summary>
public sealed class SimulatedHardwareRandom : IHardwareRandom
{
    private readonly SeededRandom _stream;

    public SimulatedHardwareRandom(bool isAvailable, SeededRandom stream)
    {
        IsAvailable = isAvailable;
        _stream = stream;
    }

    public bool IsAvailable { get; }

    public void Fill(byte[] buffer, int offset, int length) => _stream.Fill(buffer, offset, length);
}
