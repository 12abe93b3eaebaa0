namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Temperature and relative humidity (features 5 and 6). The BME280/SHT3x
    /// drivers in Core implement it over <see cref="II2cDevice"/>; the simulator models it.</summary>
    public interface IEnvironmentSensor
    {
        /// <summary>One measurement in thousandths (°C x 1000, %RH x 1000); false when the sensor did not answer.</summary>
        bool TryRead(out int temperatureMilliC, out int humidityMilliPercent);
    }
}
