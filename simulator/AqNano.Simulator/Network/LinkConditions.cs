using AqNano.Simulator.Models;

namespace AqNano.Simulator.Network;

/// <summary>The network model of one connection: delay each way, loss of a PUBLISH (the sender sees
/// no PUBACK and resends) and of a PUBACK (the broker got it, the sender resends anyway: a QoS 1
/// duplicate), and outage windows. Messages of one connection keep their order (MQTT 5.0 4.6);
/// different connections overtake each other when their delays say so.</summary>
public sealed class LinkConditions
{
    public static LinkConditions Perfect => new();

    public DelayDistribution UplinkDelay { get; init; } = DelayDistribution.None;

    public DelayDistribution DownlinkDelay { get; init; } = DelayDistribution.None;

    public double PublishLossProbability { get; init; }

    public double AckLossProbability { get; init; }

    public IReadOnlyList<OutageWindow> Outages { get; init; } = Array.Empty<OutageWindow>();

    public bool IsDown(long timeUs)
    {
        foreach (OutageWindow window in Outages)
        {
            if (window.Contains(timeUs)) return true;
        }
        return false;
    }

    /// <summary>The end of the outage covering <paramref name="timeUs"/>, or the time itself.</summary>
    public long UpAgainAt(long timeUs)
    {
        long at = timeUs;
        bool moved = true;
        while (moved)
        {
            moved = false;
            foreach (OutageWindow window in Outages)
            {
                if (window.Contains(at)) { at = window.EndUs; moved = true; }
            }
        }
        return at;
    }
}
