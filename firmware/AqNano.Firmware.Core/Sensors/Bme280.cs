using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>Bosch BME280 over I2C (BST-BME280-DS002) as the environment sensor (features 5 and 6).
    /// Runs in normal mode (section 3.3.4) with 1 s standby, so that a read never waits for a
    /// conversion: the data registers always hold the latest completed measurement. Pressure is
    /// skipped (osrs_p = 0). Allocation-free after <see cref="TryStart"/>.</summary>
    public sealed class Bme280 : IEnvironmentSensor
    {
        /// <summary>SDO to GND; 0x77 with SDO to VDDIO (section 6.2).</summary>
        public const int DefaultAddress = 0x76;
        private const byte ChipIdRegister = 0xD0;
        private const byte ExpectedChipId = 0x60;
        private const byte CalibrationLow = 0x88;
        private const byte CalibrationHigh = 0xE1;
        private const byte ControlHumidity = 0xF2;
        private const byte ControlMeasurement = 0xF4;
        private const byte Config = 0xF5;
        private const byte DataStart = 0xF7;
        // ctrl_hum osrs_h = x1 (table 20); ctrl_meas osrs_t = x1, osrs_p = skipped, mode = normal (tables 22-25);
        // config t_sb = 1000 ms, filter off (tables 26-27). ctrl_hum takes effect after ctrl_meas is written (5.4.3).
        private const byte HumidityOversamplingX1 = 0x01;
        private const byte TemperatureX1PressureSkippedNormal = (0x01 << 5) | 0x03;
        private const byte Standby1000MsNoFilter = 0x05 << 5;
        // Section 5.4.8: 0x80000 is the temperature register's value when no measurement has completed.
        private const int TemperatureNotMeasured = 0x80000;

        private readonly II2cDevice _device;
        private readonly Bme280Calibration _calibration = new Bme280Calibration();
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _command = new byte[2];
        private readonly byte[] _data = new byte[8];
        private readonly byte[] _low = new byte[26];
        private readonly byte[] _high = new byte[7];
        private bool _started;

        public Bme280(II2cDevice device)
        {
            _device = device;
        }

        public Bme280Calibration Calibration { get { return _calibration; } }

        /// <summary>Checks the chip id, reads the trimming parameters and starts normal mode.</summary>
        public bool TryStart()
        {
            _started = false;
            if (!ReadRegisters(ChipIdRegister, _data, 1) || _data[0] != ExpectedChipId) return false;
            if (!ReadRegisters(CalibrationLow, _low, _low.Length) || !ReadRegisters(CalibrationHigh, _high, _high.Length)) return false;
            _calibration.Decode(_low, _high);
            if (!WriteRegister(ControlHumidity, HumidityOversamplingX1)) return false;
            if (!WriteRegister(Config, Standby1000MsNoFilter)) return false;
            if (!WriteRegister(ControlMeasurement, TemperatureX1PressureSkippedNormal)) return false;
            _started = true;
            return true;
        }

        public bool TryRead(out int temperatureMilliC, out int humidityMilliPercent)
        {
            temperatureMilliC = 0;
            humidityMilliPercent = 0;
            if (!_started || !ReadRegisters(DataStart, _data, _data.Length)) return false;
            // Burst read 0xF7-0xFE (section 4): press[3], temp msb/lsb/xlsb, hum msb/lsb; 20-bit temperature.
            int adcT = (_data[3] << 12) | (_data[4] << 4) | (_data[5] >> 4);
            int adcH = (_data[6] << 8) | _data[7];
            if (adcT == TemperatureNotMeasured) return false;
            int tFine;
            int centiC = Bme280Compensation.Temperature(adcT, _calibration, out tFine);
            uint q10 = Bme280Compensation.Humidity(adcH, tFine, _calibration);
            temperatureMilliC = centiC * 10;
            humidityMilliPercent = (int)((q10 * 1000 + 512) >> 10);
            return true;
        }

        private bool ReadRegisters(byte start, byte[] into, int length)
        {
            _register[0] = start;
            return _device.WriteRead(_register, 0, 1, into, 0, length);
        }

        private bool WriteRegister(byte register, byte value)
        {
            _command[0] = register;
            _command[1] = value;
            return _device.Write(_command, 0, 2);
        }
    }
}
