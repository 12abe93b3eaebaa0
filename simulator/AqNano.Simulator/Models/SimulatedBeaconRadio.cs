using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>One unit's ESP-NOW radio in a <see cref="BeaconAir"/>: broadcasts go to every other
/// listening radio; heard beacons wait in a bounded queue (the oldest dropped when full, as a
/// radio's receive buffer does).</summary>
public sealed class SimulatedBeaconRadio : IBeaconRadio
{
    private const int QueueLimit = 64;
    private readonly BeaconAir? _air;
    private readonly Queue<(byte[] Beacon, short Rssi)> _heard = new();

    public SimulatedBeaconRadio(BeaconAir? air, bool listening)
    {
        _air = air;
        Listening = listening && air != null;
        air?.Join(this);
    }

    public bool IsAvailable => _air != null;

    /// <summary>Gateways listen; plain devices only send.</summary>
    public bool Listening { get; }

    public long DroppedCount { get; private set; }

    public void Broadcast(byte[] buffer, int offset, int length) => _air?.Broadcast(this, buffer, offset, length);

    public int Receive(byte[] buffer, int offset, out short rssiDbm)
    {
        rssiDbm = 0;
        if (_heard.Count == 0) return -1;
        (byte[] beacon, short rssi) = _heard.Dequeue();
        rssiDbm = rssi;
        int copied = Math.Min(beacon.Length, buffer.Length - offset);
        Array.Copy(beacon, 0, buffer, offset, copied);
        return beacon.Length;
    }

    internal void Deliver(byte[] beacon, short rssi)
    {
        if (_heard.Count >= QueueLimit)
        {
            _heard.Dequeue();
            DroppedCount++;
        }
        _heard.Enqueue((beacon, rssi));
    }
}
