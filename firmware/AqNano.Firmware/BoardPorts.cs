using System.Device.Adc;
using AqNano.Boards;
using AqNano.Firmware.Adapters;
using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Firmware.Core.Sensors;
#if AQNANO_ESP32
using nanoFramework.Hardware.Esp32;
using System.Net.NetworkInformation;
#endif

namespace AqNano.Firmware
{
    /// <summary>Builds the ports of the board nf.props selects from its typed profile (boards/):
    /// which adapter stands behind each port is the only board-specific decision in the app.</summary>
    internal static class BoardPorts
    {
        public static BoardProfile SelectedBoard()
        {
#if AQNANO_BOARD_ESP32S3_DEVKITC1
            return Esp32S3DevKitC1.Create();
#elif AQNANO_BOARD_STM32F769I_DISCOVERY
            return Stm32F769IDiscovery.Create();
#else
            return Esp32DevKitC.Create();
#endif
        }

        /// <summary>Where `nanoff --filedeployment` puts aqnano.conf: ESP32 internal flash storage is I:;
        /// the STM32F769I-DISCOVERY has no internal file storage, so its microSD card (D:) is used.</summary>
        public static string SettingsPath()
        {
#if AQNANO_STM32
            return "D:\\aqnano.conf";
#else
            return "I:\\aqnano.conf";
#endif
        }

        public static DevicePorts Create(BoardProfile board, IStatusOutput status, IUplink uplink)
        {
            DevicePorts ports = new DevicePorts();
            AdcController adc = new AdcController();
            ports.NoiseChannels = new IAdcChannel[board.NoiseAdcChannels.Length];
            for (int i = 0; i < board.NoiseAdcChannels.Length; i++)
            {
                ports.NoiseChannels[i] = new AdcNoiseChannel(adc, board.NoiseAdcChannels[i]);
            }
            ports.Random = new SystemRandomGenerator(board.HardwareRandom);
            ports.Memory = new ManagedHeapFreeMemory();
            ports.Status = status;
            ports.Uplink = uplink;
            ports.Hmac = new NativeHmacSha256();
            ports.Sensor = StartSensor(board, status);
#if AQNANO_ESP32
            ports.Clock = new Esp32HighResClock();
            ports.ResetCause = new Esp32ResetCause();
            ports.ChipId = new NetworkMacChipId(NetworkInterfaceType.Wireless80211);
#else
            ports.Clock = new TickCountClock();
            ports.ResetCause = new Stm32ResetCause();
            ports.ChipId = new Stm32UniqueChipId();
#endif
            // Beacon stays null: nanoFramework.EspNow is not among the pinned packages (firmware/README.md).
            return ports;
        }

        private static IEnvironmentSensor StartSensor(BoardProfile board, IStatusOutput status)
        {
#if AQNANO_ESP32
            if (board.I2cPinsConfigurable)
            {
                // Route I2C1 to the profile's pins (Configuration.SetPinFunction, nanoFramework.Hardware.Esp32).
                Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
            }
#endif
            Bme280 bme280 = new Bme280(new I2cBusDevice(board.I2cBus, board.SensorAddress));
            if (bme280.TryStart()) return bme280;
            Sht3x sht3x = new Sht3x(new I2cBusDevice(board.I2cBus, Sht3x.DefaultAddress));
            if (sht3x.TryStart()) return sht3x;
            status.Report("no BME280 or SHT3x answered on the I2C bus: temperature and humidity features are left out");
            return null;
        }
    }
}
