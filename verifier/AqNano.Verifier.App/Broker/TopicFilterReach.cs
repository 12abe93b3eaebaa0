using AqNano.Protocol;

namespace AqNano.Verifier.App.Broker;

/// <summary>What part of the aq/v1 tree an MQTT topic filter can reach (MQTT 3.1.1 4.7 wildcards:
/// '+' one level, '#' the rest). Used to refuse, at SUBSCRIBE, filters that could read obs topics
/// or another device's app topics, however they are spelled ("#", "aq/+/dev/+/obs", ...).</summary>
public static class TopicFilterReach
{
    /// <summary>True when the filter matches aq/v1/dev/{some id}/obs.</summary>
    public static bool CanReachObservations(string filter) =>
        Matches(filter, ["aq", "v1", "dev", null, "obs"], exactLength: true);

    /// <summary>True when the filter matches some aq/v1/dev/{id}/app/... topic; <paramref name="onlyDevice"/>
    /// is the device id when the filter names exactly one device (a literal id level), else null.</summary>
    public static bool CanReachApplication(string filter, out ulong? onlyDevice)
    {
        onlyDevice = null;
        if (!Matches(filter, ["aq", "v1", "dev", null, "app", null], exactLength: false)) return false;
        string[] levels = filter.Split('/');
        if (levels.Length > 3 && levels[3] != "+" && levels[3] != "#" && Hex.TryParseWire(levels[3], 0, out ulong id) && levels[3].Length == 16)
        {
            onlyDevice = id;
        }
        else if (levels.Length > 3 && levels[3] != "+" && levels[3] != "#")
        {
            // A literal that is not a v1 id names no device's app topic at all.
            return false;
        }
        return true;
    }

    /// <summary>Does the filter match at least one topic of the given shape? A null level in the shape is
    /// "any literal"; with exactLength false the shape's last level may be followed by more levels.</summary>
    private static bool Matches(string filter, string?[] shape, bool exactLength)
    {
        string[] levels = filter.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            if (levels[i] == "#") return true;
            if (i >= shape.Length) return !exactLength;
            if (levels[i] == "+" || shape[i] == null) continue;
            if (levels[i] != shape[i]) return false;
        }
        return levels.Length == shape.Length || (!exactLength && levels.Length >= shape.Length);
    }
}
