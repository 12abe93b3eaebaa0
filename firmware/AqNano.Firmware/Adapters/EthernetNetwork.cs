using System.Threading;
using nanoFramework.Networking;

namespace AqNano.Firmware.Adapters
{
    /// <summary>Waits for the wired network (System.Net NetworkHelper.SetupAndConnectNetwork(token,
    /// requiresDateTime)), configured with DHCP by the target's stored network settings.</summary>
    internal static class EthernetNetwork
    {
        public static bool Join(bool requiresDateTime, int timeoutMs)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(timeoutMs);
            return NetworkHelper.SetupAndConnectNetwork(timeout.Token, requiresDateTime);
        }
    }
}
