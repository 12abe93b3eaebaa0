using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>A BME280-like sensor over the site's air: ±0.5 °C / ±1 %RH read noise (the BME280
/// datasheet's typical absolute accuracy is ±1 °C and ±3 %RH; noise between reads is well below it),
/// and a sensor that can be made to stop answering.</summary>
public sealed class SimulatedEnvironmentSensor : IEnvironmentSensor
{
    private readonly SiteEnvironment _environment;
    private readonly SeededRandom _noise;

    public SimulatedEnvironmentSensor(SiteEnvironment environment, SeededRandom noise)
    {
        _environment = environment;
        _noise = noise;
    }

    public bool Answers { get; set; } = true;

    public bool TryRead(out int temperatureMilliC, out int humidityMilliPercent)
    {
        temperatureMilliC = 0;
        humidityMilliPercent = 0;
        if (!Answers) return false;
        temperatureMilliC = (int)Math.Round(1000 * (_environment.TemperatureC + _noise.Gaussian(0, 0.05)));
        humidityMilliPercent = (int)Math.Round(1000 * Math.Clamp(_environment.RelativeHumidityPercent + _noise.Gaussian(0, 0.3), 0, 100));
        return true;
    }
}
