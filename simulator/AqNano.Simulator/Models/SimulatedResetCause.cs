using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Frames;

namespace AqNano.Simulator.Models;

/// <summary>Why the unit last booted: power-on at first, then whatever the scenario did to it.</summary>
public sealed class SimulatedResetCause : IResetCauseSource
{
    public ResetCause Cause { get; set; } = ResetCause.PowerOn;

    public ResetCause Read() => Cause;
}
