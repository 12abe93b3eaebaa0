using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>Free managed heap after a GC: the unit's baseline less what the app holds, which
/// varies from read to read by a few hundred bytes (buffers in flight, strings of the MQTT stack).</summary>
public sealed class SimulatedFreeMemory : IFreeMemory
{
    private readonly UnitProfile _profile;
    private readonly SeededRandom _usage;

    public SimulatedFreeMemory(UnitProfile profile, SeededRandom usage)
    {
        _profile = profile;
        _usage = usage;
    }

    public int FreeBytes() => _profile.FreeMemoryBytes - 8 * _usage.NextInt(200);
}
