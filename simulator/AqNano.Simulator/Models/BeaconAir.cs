namespace AqNano.Simulator.Models;

/// <summary>The shared local radio medium (ESP-NOW range) that witness beacons travel through:
/// what one radio broadcasts, every other radio in the same air hears, with a drawn RSSI.</summary>
public sealed class BeaconAir
{
    private readonly List<SimulatedBeaconRadio> _radios = new();
    private readonly SeededRandom _fading;

    public BeaconAir(SeededRandom fading) => _fading = fading;

    public long BroadcastCount { get; private set; }

    /// <summary>Sees every beacon sent (an attacker's or a test's ear); may not change it.</summary>
    public event Action<SimulatedBeaconRadio, byte[]>? Heard;

    internal void Join(SimulatedBeaconRadio radio) => _radios.Add(radio);

    internal void Broadcast(SimulatedBeaconRadio sender, byte[] buffer, int offset, int length)
    {
        BroadcastCount++;
        byte[] copy = buffer.AsSpan(offset, length).ToArray();
        foreach (SimulatedBeaconRadio radio in _radios)
        {
            if (ReferenceEquals(radio, sender) || !radio.Listening) continue;
            short rssi = (short)Math.Clamp(Math.Round(_fading.Gaussian(-62, 6)), -95, -30);
            radio.Deliver(copy, rssi);
        }
        Heard?.Invoke(sender, copy);
    }
}
