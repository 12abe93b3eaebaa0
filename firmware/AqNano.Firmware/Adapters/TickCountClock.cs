using System;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>STM32 has no microsecond timer reachable from managed code (NANOFRAMEWORK.md): the
    /// millisecond tick count (Environment.TickCount64, nanoFramework.Runtime.Native) times 1000,
    /// with ResolutionUs = 1000 said honestly, so Core neither tests nor credits loop jitter here.</summary>
    internal sealed class TickCountClock : IMicrosecondClock
    {
        public ulong NowUs { get { return (ulong)Environment.TickCount64 * 1000UL; } }

        public int ResolutionUs { get { return 1000; } }
    }
}
