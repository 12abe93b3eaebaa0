using AqNano.Protocol;

namespace AqNano.Verifier.App.Broker;

/// <summary>Which devices' aq/v1/dev/{id}/... topics an MQTT topic filter can match (MQTT 3.1.1 4.7:
/// '+' one level, '#' the rest): none, exactly one (a literal id at the id level), or any. The
/// <see cref="DeviceTopicRouter"/> files each subscription under the devices it can reach, so that a
/// device's message is matched against that device's few subscribers and the wide ones, never against
/// every session of the fleet.</summary>
public static class DeviceTopicFilter
{
    private static readonly string[] Tree = ["aq", "v1", "dev"];

    public enum Reach { None, OneDevice, AnyDevice }

    public static Reach Classify(string filter, out ulong deviceId)
    {
        deviceId = 0;
        string[] levels = filter.Split('/');
        for (int i = 0; i < Tree.Length; i++)
        {
            if (i >= levels.Length) return Reach.None;
            if (levels[i] == "#") return Reach.AnyDevice;
            if (levels[i] != "+" && levels[i] != Tree[i]) return Reach.None;
        }
        // Every device topic has a level after the id (obs, decision, app/...): a filter that stops at
        // the id level without '#' matches none of them.
        if (levels.Length <= Tree.Length + 1) return Reach.None;
        string id = levels[Tree.Length];
        if (id == "#" || id == "+") return Reach.AnyDevice;
        // Topics.Classify accepts only the 16 lower-case hex characters of a v1 id.
        if (id.Length != 16 || !Hex.TryParseWire(id, 0, out deviceId) || Hex.FromWire(deviceId) != id) return Reach.None;
        return Reach.OneDevice;
    }
}
