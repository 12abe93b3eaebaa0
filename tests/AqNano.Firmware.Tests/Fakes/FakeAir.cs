using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>A shared broadcast medium (ESP-NOW in the air): every radio hears the others' beacons.</summary>
public sealed class FakeAir
{
    public readonly List<FakeRadio> Radios = new();

    public FakeRadio Join()
    {
        var radio = new FakeRadio(this);
        Radios.Add(radio);
        return radio;
    }
}

public sealed class FakeRadio(FakeAir air) : IBeaconRadio
{
    public readonly Queue<byte[]> Heard = new();
    public int Sent;

    public bool IsAvailable => true;

    public void Broadcast(byte[] buffer, int offset, int length)
    {
        Sent++;
        foreach (var radio in air.Radios)
        {
            if (radio != this) radio.Heard.Enqueue(buffer.AsSpan(offset, length).ToArray());
        }
    }

    public int Receive(byte[] buffer, int offset, out short rssiDbm)
    {
        rssiDbm = -61;
        if (Heard.Count == 0) return -1;
        byte[] beacon = Heard.Dequeue();
        Array.Copy(beacon, 0, buffer, offset, Math.Min(beacon.Length, buffer.Length - offset));
        return beacon.Length;
    }
}
