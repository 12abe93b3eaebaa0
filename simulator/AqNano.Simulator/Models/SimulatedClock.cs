using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>A unit's monotonic clock since boot. It runs fast or slow by the crystal's skew, bent
/// parabolically by temperature around the 25 °C turnover, and every read costs the loop a jittered
/// few tens of microseconds (the timing-jitter entropy source sees exactly that). ESP32 shows
/// microseconds (HighResTimer); STM32 shows millisecond ticks x 1000 (NANOFRAMEWORK.md "STM32").</summary>
public sealed class SimulatedClock : IMicrosecondClock
{
    private const double TurnoverC = 25;
    private readonly UnitProfile _profile;
    private readonly ITrueTime _time;
    private readonly SiteEnvironment _environment;
    private readonly SeededRandom _jitter;
    private long _lastTrueUs;
    private double _deviceUs;
    private double _executionUs;
    private ulong _lastShownUs;
    private bool _sleeping;

    public SimulatedClock(UnitProfile profile, ITrueTime time, SiteEnvironment environment, SeededRandom jitter)
    {
        _profile = profile;
        _time = time;
        _environment = environment;
        _jitter = jitter;
        _lastTrueUs = time.NowUs;
    }

    public int ResolutionUs => Math.Max(1, _profile.Board.Profile.ClockResolutionUs);

    /// <summary>True while the unit is in light sleep, its timer running on the slow clock.</summary>
    public bool IsSleeping => _sleeping;

    /// <summary>The clock's rate error now, in ppm: the crystal's skew plus its temperature bend, or
    /// the slow clock's error during light sleep.</summary>
    public double CurrentRatePpm
    {
        get
        {
            if (_sleeping) return _profile.SlowClockErrorPpm;
            double delta = _environment.TemperatureC - TurnoverC;
            return _profile.SkewPpm + _profile.TemperatureCoefficientPpmPerSquaredC * delta * delta;
        }
    }

    public ulong NowUs
    {
        get
        {
            Integrate();
            // Reading the timer is part of the loop: the next read comes a jittered loop time later.
            _executionUs += Math.Max(1, _jitter.Gaussian(_profile.LoopTimeUs, _profile.LoopJitterUs));
            ulong shown = (ulong)(_deviceUs + _executionUs);
            shown -= shown % (ulong)ResolutionUs;
            if (shown < _lastShownUs) shown = _lastShownUs;
            _lastShownUs = shown;
            return shown;
        }
    }

    /// <summary>The scheduler woke the unit: the loop's own execution time starts over.</summary>
    public void BeginStep()
    {
        Integrate();
        _executionUs = 0;
    }

    /// <summary>Light sleep begins: from now the count advances at the slow clock's rate.</summary>
    public void BeginSleep()
    {
        Integrate();
        _sleeping = true;
    }

    /// <summary>Light sleep ends: back on the crystal.</summary>
    public void EndSleep()
    {
        Integrate();
        _sleeping = false;
    }

    /// <summary>Power cycle: the counter restarts at zero (the chain's uptime restarts with the epoch).</summary>
    public void Reboot()
    {
        _lastTrueUs = _time.NowUs;
        _deviceUs = 0;
        _executionUs = 0;
        _lastShownUs = 0;
        _sleeping = false;
    }

    /// <summary>How much true time passes until this clock shows <paramref name="deviceUs"/>.</summary>
    public long TrueDelayUntil(ulong deviceUs)
    {
        Integrate();
        double remaining = deviceUs - (_deviceUs + _executionUs);
        if (remaining <= 0) return 0;
        return (long)Math.Ceiling(remaining / (1 + CurrentRatePpm * 1e-6));
    }

    /// <summary>Advances the device count over the true time passed since the last look, at the
    /// current rate (temperature changes slowly against the event interval, so piecewise is exact enough).</summary>
    private void Integrate()
    {
        long now = _time.NowUs;
        if (now <= _lastTrueUs) return;
        _deviceUs += (now - _lastTrueUs) * (1 + CurrentRatePpm * 1e-6);
        _lastTrueUs = now;
    }
}
