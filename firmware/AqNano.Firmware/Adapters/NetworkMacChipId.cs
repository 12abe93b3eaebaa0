using System.Net.NetworkInformation;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>The chip id of ESP32 boards: the station-interface MAC, 6 bytes in transmission order
    /// (DESIGN.md "The chain"). nanoFramework has no chip-id API on ESP32, so it is read from
    /// System.Net NetworkInterface.GetAllNetworkInterfaces()[i].PhysicalAddress (NANOFRAMEWORK.md).</summary>
    internal sealed class NetworkMacChipId : IChipId
    {
        private readonly NetworkInterfaceType _type;

        public NetworkMacChipId(NetworkInterfaceType type)
        {
            _type = type;
        }

        public int Read(byte[] buffer, int offset)
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType != _type) continue;
                byte[] mac = interfaces[i].PhysicalAddress;
                System.Array.Copy(mac, 0, buffer, offset, mac.Length);
                return mac.Length;
            }
            // No such interface: an all-zero id would merge every such board into one identity.
            throw new System.InvalidOperationException("no network interface of the configured type: no chip id");
        }
    }
}
