namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Free managed heap (feature 7, freeMemoryKb). Board: nanoFramework.Runtime.Native.GC.Run(false).</summary>
    public interface IFreeMemory
    {
        int FreeBytes();
    }
}
