using System.Text;
using System.Text.Json;
using AqNano.Protocol;

namespace AqNano.Verifier.App.Gateway;

/// <summary>The ids a gateway will use, known before it runs (they are deterministic: docs/ADOPTION.md "Gateway-mediated retrofit"
/// "Identity"), so that an operator registers each pair before the first frame: an unregistered proxied device would
/// be judged as an independent board, uncapped.</summary>
public static class ProxiedIds
{
    /// <summary>A JSON object {"gateway": id, "proxied": {device id: gateway id, ...}, "topics": {device id: topic}}.</summary>
    public static string PolicyEntries(string gatewayChipId, IEnumerable<string> topics)
    {
        var chains = new GatewayChains(gatewayChipId, int.MaxValue);
        string gateway = Hex.FromWire(chains.GatewayId);
        var proxied = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string topic in topics)
        {
            string id = Hex.FromWire(chains.DeviceFor(topic, out _)!.DeviceId);
            proxied[id] = gateway;
            names[id] = topic;
        }
        return JsonSerializer.Serialize(new { gateway, proxied, topics = names }, new JsonSerializerOptions { WriteIndented = true });
    }
}
