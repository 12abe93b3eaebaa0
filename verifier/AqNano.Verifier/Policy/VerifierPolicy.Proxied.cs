using AqNano.Protocol;

namespace AqNano.Verifier.Policy;

/// <summary>Gateway-mediated retrofit (docs/VERIFIER.md "Proxied devices"): the operator registers each pair
/// (proxied device, the gateway that keeps its chain). Registration, not learning from the connection, because a
/// connection proves only who delivered a frame: on an open path or through an external broker anyone could
/// publish a "proxied" Genesis beside a gateway's chain and borrow its standing.</summary>
public sealed partial class VerifierPolicy
{
    /// <summary>Proxied device id (16 hex, wire order) to the id of the gateway that carries its chain.</summary>
    public Dictionary<string, string> Proxied { get; set; } = new();

    /// <summary>The registered gateway of <paramref name="deviceId"/>; false when it is not a proxied device.</summary>
    public bool TryGatewayOf(ulong deviceId, out ulong gatewayId)
    {
        gatewayId = 0;
        return Proxied.Count > 0 && Proxied.TryGetValue(Hex.FromWire(deviceId), out string? gateway)
            && Hex.TryParseWire(gateway, 0, out gatewayId);
    }

    public bool IsProxied(ulong deviceId) => Proxied.Count > 0 && Proxied.ContainsKey(Hex.FromWire(deviceId));

    /// <summary>The proxied devices registered behind <paramref name="gatewayId"/>.</summary>
    public IEnumerable<ulong> ProxiedBy(ulong gatewayId)
    {
        if (Proxied.Count == 0) yield break;
        string gateway = Hex.FromWire(gatewayId);
        foreach ((string device, string carrier) in Proxied)
        {
            if (carrier == gateway && Hex.TryParseWire(device, 0, out ulong id)) yield return id;
        }
    }

    /// <summary>"" when every pair names two distinct 16-hex ids and no gateway is itself proxied.</summary>
    internal string ValidateProxied()
    {
        foreach ((string device, string gateway) in Proxied)
        {
            if (device.Length != 16 || !Hex.TryParseWire(device, 0, out _)) return $"proxied: '{device}' is not a 16-hex device id";
            if (gateway.Length != 16 || !Hex.TryParseWire(gateway, 0, out _)) return $"proxied {device}: gateway '{gateway}' is not a 16-hex device id";
            if (device == gateway) return $"proxied {device}: a device cannot be its own gateway";
            if (Proxied.ContainsKey(gateway)) return $"proxied {device}: its gateway {gateway} is itself proxied (one level only)";
        }
        return "";
    }
}
