namespace AqNano.Simulator.Network;

/// <summary>A span of true time during which a connection's network is down, [StartUs, EndUs).</summary>
public readonly record struct OutageWindow(long StartUs, long EndUs)
{
    public bool Contains(long timeUs) => timeUs >= StartUs && timeUs < EndUs;
}
