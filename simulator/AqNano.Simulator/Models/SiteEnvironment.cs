namespace AqNano.Simulator.Models;

/// <summary>The air around one unit: temperature and relative humidity following a daily cycle
/// (a sine with the unit's own mean, swing and phase) plus slow random weather. Humidity moves
/// against temperature, as relative humidity does at constant absolute moisture.</summary>
public sealed class SiteEnvironment
{
    private const double MicrosecondsPerHour = 3_600_000_000.0;
    private readonly UnitProfile _profile;
    private readonly ITrueTime _time;
    private readonly SeededRandom _weather;
    private readonly double _startHourOfDay;
    private double _weatherOffsetC;
    private long _lastWeatherUs;

    public SiteEnvironment(UnitProfile profile, ITrueTime time, SeededRandom weather, double startHourOfDay)
    {
        _profile = profile;
        _time = time;
        _weather = weather;
        _startHourOfDay = startHourOfDay;
    }

    /// <summary>Holds the temperature (tests of skew use 25 °C, the crystal's turnover point).</summary>
    public double? FixedTemperatureC { get; set; }

    public double TemperatureC
    {
        get
        {
            if (FixedTemperatureC is double fixedC) return fixedC;
            UpdateWeather();
            return _profile.SiteTemperatureC + _profile.DailyTemperatureSwingC * DailyWave() + _weatherOffsetC;
        }
    }

    public double RelativeHumidityPercent
    {
        get
        {
            double humidity = _profile.SiteHumidityPercent - _profile.DailyHumiditySwingPercent * DailyWave() - 1.5 * _weatherOffsetC;
            return Math.Clamp(humidity, 5, 95);
        }
    }

    private double DailyWave()
    {
        double hours = _startHourOfDay + _time.NowUs / MicrosecondsPerHour - _profile.DailyPhaseHours;
        return Math.Sin(2 * Math.PI * hours / 24);
    }

    /// <summary>A bounded random walk, one step per simulated ten minutes at most.</summary>
    private void UpdateWeather()
    {
        const long stepUs = 600_000_000;
        while (_time.NowUs - _lastWeatherUs >= stepUs)
        {
            _lastWeatherUs += stepUs;
            _weatherOffsetC = Math.Clamp(0.98 * _weatherOffsetC + _weather.Gaussian(0, 0.1), -3, 3);
        }
    }
}
