using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Host;

namespace AqNano.Simulator.Fleet;

/// <summary>The firmware's very own Core (DeviceAgent) on a simulated board: the modelled ports go
/// into DevicePorts exactly where the nanoFramework app puts its hardware adapters.</summary>
public sealed class CoreAgentProgram : IBoardProgram
{
    public CoreAgentProgram(DeviceAgent agent) => Agent = agent;

    public DeviceAgent Agent { get; }

    public static IBoardProgram Create(BoardSettings settings, BoardHardware hardware, IUplink uplink)
    {
        DevicePorts ports = new()
        {
            NoiseChannels = hardware.NoiseChannels,
            Clock = hardware.Clock,
            Random = hardware.Random,
            Sensor = hardware.Sensor,
            Uplink = uplink,
            ResetCause = hardware.ResetCause,
            ChipId = hardware.ChipId,
            Memory = hardware.Memory,
            Status = hardware.Status,
            Beacon = hardware.BeaconPort.IsAvailable ? hardware.BeaconPort : null,
            Hmac = new HostHmacSha256(),
        };
        DeviceSettings deviceSettings = new()
        {
            EventIntervalMs = settings.IntervalMs,
            RequestedScope = settings.RequestedScope,
            Role = settings.Role == BoardRole.Gateway ? DeviceRole.Gateway : DeviceRole.Device,
        };
        return new CoreAgentProgram(new DeviceAgent(deviceSettings, ports));
    }

    public void Boot() => Agent.Boot();
    public void Step() => Agent.Step();
    public ulong NextWakeUs => Agent.NextWakeUs;
    public void NotifySlept(bool slowClock) => Agent.NotifySlept(slowClock);
    public ulong DeviceId => Agent.DeviceId;
    public ulong Epoch => Agent.Epoch;
    public uint LastSeq => Agent.LastSeq;
    public string ClientId => Agent.ClientId ?? "";

    public void CloneStateFrom(IBoardProgram other)
    {
        if (other is not CoreAgentProgram source) throw new ArgumentException("a clone copies another Core agent's RAM", nameof(other));
        Agent.CloneStateFrom(source.Agent);
    }
}
