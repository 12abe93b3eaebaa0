using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>Sensirion SHT3x-DIS over I2C as the environment sensor. Runs in periodic mode (1
    /// measurement per second, high repeatability, datasheet table 10) so that a read never waits:
    /// Fetch Data (0xE000, section 4.5) returns the latest result, or a NACK when none is new yet.
    /// Each 16-bit word is followed by its CRC-8 (section 4.12, <see cref="Sht3xCrc"/>); a word whose
    /// CRC does not match is refused. Allocation-free after construction.</summary>
    public sealed class Sht3x : IEnvironmentSensor
    {
        /// <summary>ADDR pin low; 0x45 with ADDR high (section 3.3).</summary>
        public const int DefaultAddress = 0x44;
        private const byte PeriodicOnePerSecondHighMsb = 0x21;
        private const byte PeriodicOnePerSecondHighLsb = 0x30;
        private const byte FetchDataMsb = 0xE0;
        private const byte FetchDataLsb = 0x00;

        private readonly II2cDevice _device;
        private readonly byte[] _command = new byte[2];
        private readonly byte[] _data = new byte[6];
        private bool _started;

        public Sht3x(II2cDevice device)
        {
            _device = device;
        }

        /// <summary>Readings whose CRC did not match, refused rather than used.</summary>
        public int CrcFailures { get; private set; }

        public bool TryStart()
        {
            _command[0] = PeriodicOnePerSecondHighMsb;
            _command[1] = PeriodicOnePerSecondHighLsb;
            _started = _device.Write(_command, 0, 2);
            return _started;
        }

        public bool TryRead(out int temperatureMilliC, out int humidityMilliPercent)
        {
            temperatureMilliC = 0;
            humidityMilliPercent = 0;
            if (!_started) return false;
            _command[0] = FetchDataMsb;
            _command[1] = FetchDataLsb;
            if (!_device.WriteRead(_command, 0, 2, _data, 0, 6)) return false;
            if (Sht3xCrc.Compute(_data, 0) != _data[2] || Sht3xCrc.Compute(_data, 3) != _data[5])
            {
                CrcFailures++;
                return false;
            }
            int rawTemperature = (_data[0] << 8) | _data[1];
            int rawHumidity = (_data[3] << 8) | _data[4];
            temperatureMilliC = Sht3xConversion.TemperatureMilliC(rawTemperature);
            humidityMilliPercent = Sht3xConversion.HumidityMilliPercent(rawHumidity);
            return true;
        }
    }
}
