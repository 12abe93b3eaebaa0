using AqNano.Firmware.Core.Ports;
using nanoFramework.Hardware.Stm32;

namespace AqNano.Firmware.Adapters
{
    /// <summary>The STM32 96-bit unique device id, 12 bytes from the lowest address up (DESIGN.md
    /// "The chain"; nanoFramework.Hardware.Stm32, Utilities.cs: static byte[] UniqueDeviceId).</summary>
    internal sealed class Stm32UniqueChipId : IChipId
    {
        public int Read(byte[] buffer, int offset)
        {
            byte[] id = Utilities.UniqueDeviceId;
            System.Array.Copy(id, 0, buffer, offset, id.Length);
            return id.Length;
        }
    }
}
