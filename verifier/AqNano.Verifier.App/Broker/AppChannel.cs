using AqNano.Protocol;

namespace AqNano.Verifier.App.Broker;

/// <summary>The app channels of aq/v1/dev/{id}/app/{channel}[/...] and the scope each needs
/// (DESIGN.md "Scopes", "Actuation"). Telemetry flows up from the device; config, actuate and
/// update flow down to it and reach it only while it holds that scope.</summary>
public static class AppChannel
{
    /// <summary>Reads the channel of an app topic; false for a channel v1 does not define.</summary>
    public static bool TryRead(string topic, out ushort scope, out bool uplink)
    {
        scope = Scopes.None;
        uplink = false;
        int start = Topics.Prefix.Length + 16 + Topics.ApplicationInfix.Length;
        if (topic.Length <= start) return false;
        int end = topic.IndexOf('/', start);
        string channel = end < 0 ? topic[start..] : topic[start..end];
        switch (channel)
        {
            case Topics.TelemetryChannel: scope = Scopes.Telemetry; uplink = true; return true;
            case Topics.ConfigChannel: scope = Scopes.Config; return true;
            case Topics.ActuateChannel: scope = Scopes.Actuate; return true;
            case Topics.UpdateChannel: scope = Scopes.Update; return true;
            default: return false;
        }
    }
}
