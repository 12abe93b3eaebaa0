using System;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>The chip's hardware generator as nanoFramework exposes it: System.Random. Per target
    /// (nf-interpreter, firmware/README.md "Hardware random"): ESP32 targets implement it with
    /// esp_random() (targets/ESP32/_nanoCLR/targetRandom.cpp), ChibiOS/STM32 targets with the RNG
    /// peripheral (targets/ChibiOS/_nanoCLR/targetRandom.cpp); the portable default elsewhere is
    /// srand(time)/rand() (src/CLR/Core/Random.cpp), which is not a hardware source, so a board
    /// profile says whether to use it at all.</summary>
    internal sealed class SystemRandomGenerator : IHardwareRandom
    {
        private readonly Random _random = new Random();
        private readonly byte[] _scratch = new byte[32];
        private readonly bool _available;

        public SystemRandomGenerator(bool backedByHardware)
        {
            _available = backedByHardware;
        }

        public bool IsAvailable { get { return _available; } }

        public void Fill(byte[] buffer, int offset, int length)
        {
            // NextBytes fills a whole array only; 32 bytes per event in chunks of the scratch buffer.
            while (length > 0)
            {
                _random.NextBytes(_scratch);
                int take = length < _scratch.Length ? length : _scratch.Length;
                Array.Copy(_scratch, 0, buffer, offset, take);
                offset += take;
                length -= take;
            }
        }
    }
}
