using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace AqNano.Firmware.Adapters
{
    /// <summary>Joins Wi-Fi (nanoframework/System.Device.Wifi, WifiNetworkHelper.cs: ConnectDhcp(ssid,
    /// password, reconnectionKind, requiresDateTime, wifiAdapterId, token) and Reconnect(requiresDateTime,
    /// wifiAdapterId, token) for credentials stored by `nanoff --networkdeployment`). TLS needs a valid
    /// date for the certificate check, hence requiresDateTime on the confidential path.</summary>
    internal static class WifiNetwork
    {
        public static bool Join(string ssid, string password, bool requiresDateTime, int timeoutMs)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(timeoutMs);
            if (ssid == null || ssid.Length == 0)
            {
                return WifiNetworkHelper.Reconnect(requiresDateTime, 0, timeout.Token);
            }
            return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, requiresDateTime, 0, timeout.Token);
        }
    }
}
