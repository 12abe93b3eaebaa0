namespace AqNano.Simulator.Network;

/// <summary>MQTT topic filter matching: '+' one level, '#' this level and all below, last only
/// (MQTT 5.0 section 4.7.1). Topics starting with '$' never match a leading wildcard [MQTT-4.7.2-1].</summary>
public static class TopicFilter
{
    public static bool IsWildcard(string filter) => filter.Contains('+') || filter.Contains('#');

    public static bool Matches(string filter, string topic)
    {
        if ((filter.StartsWith('+') || filter.StartsWith('#')) && topic.StartsWith('$')) return false;
        string[] filterLevels = filter.Split('/');
        string[] topicLevels = topic.Split('/');
        for (int i = 0; i < filterLevels.Length; i++)
        {
            if (filterLevels[i] == "#") return i == filterLevels.Length - 1;
            if (i >= topicLevels.Length) return false;
            if (filterLevels[i] != "+" && filterLevels[i] != topicLevels[i]) return false;
        }
        return filterLevels.Length == topicLevels.Length;
    }
}
