using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The hardware a <see cref="DeviceAgent"/> runs on: one port per physical thing
    /// (STYLE.md 5). The nanoFramework app fills it with adapters, the simulator with models,
    /// the tests with fakes. Sensor, Beacon and Actuator may be null.</summary>
    public sealed class DevicePorts
    {
        /// <summary>The ADC inputs sampled for noise (a floating pin, the internal temperature channel).</summary>
        public IAdcChannel[] NoiseChannels;
        public IMicrosecondClock Clock;
        public IHardwareRandom Random;
        /// <summary>May be null: then features 5 and 6 are absent.</summary>
        public IEnvironmentSensor Sensor;
        public IUplink Uplink;
        public IResetCauseSource ResetCause;
        public IChipId ChipId;
        public IFreeMemory Memory;
        public IStatusOutput Status;
        /// <summary>May be null: then no witness beacons are sent or heard.</summary>
        public IBeaconRadio Beacon;
        public IHmacSha256 Hmac;
        /// <summary>May be null: commands are then counted and dropped.</summary>
        public IActuator Actuator;
        /// <summary>Tests and simulator capture only; null on a board.</summary>
        public IRawSampleTap RawTap;
    }
}
