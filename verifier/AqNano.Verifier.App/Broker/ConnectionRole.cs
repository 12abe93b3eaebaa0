namespace AqNano.Verifier.App.Broker;

/// <summary>Who a broker connection is, decided once at CONNECT (DESIGN.md "The verifier's rules").</summary>
public enum ConnectionRole
{
    /// <summary>A board (or anyone without credentials): may publish chain frames and, once it owns
    /// a device, that device's uplink app traffic within the grant.</summary>
    Device,
    /// <summary>An application backend authenticated with the controller password: may send downlink
    /// app traffic (config, actuate, update) and read app topics; never reads obs, never publishes decisions.</summary>
    Controller,
}
