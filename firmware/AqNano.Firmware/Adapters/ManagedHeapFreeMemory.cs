using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>Free managed heap after a collection (nanoframework/nanoFramework.Runtime.Native,
    /// GC.cs: uint Run(bool compactHeap) returns the free bytes). No compaction: it would stall the loop.</summary>
    internal sealed class ManagedHeapFreeMemory : IFreeMemory
    {
        public int FreeBytes()
        {
            return (int)nanoFramework.Runtime.Native.GC.Run(false);
        }
    }
}
