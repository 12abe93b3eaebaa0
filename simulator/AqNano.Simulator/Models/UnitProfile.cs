namespace AqNano.Simulator.Models;

/// <summary>Everything that makes one simulated unit differ from its siblings, drawn once from the
/// fleet seed and the unit's index (issue 4 "each unit different, all drawn from a seed"). Tests
/// compare what they measure from a unit's ports with these values.</summary>
public sealed record UnitProfile(
    int Index,
    BoardModel Board,
    byte[] ChipId,
    double SkewPpm,
    double TemperatureCoefficientPpmPerSquaredC,
    double AdcOffsetCounts,
    double AdcGain,
    double AdcNoiseCounts,
    double AdcFloatLevelCounts,
    double AdcNonlinearityCounts,
    double AdcAgeingCountsPerDay,
    double LoopTimeUs,
    double LoopJitterUs,
    double SiteTemperatureC,
    double DailyTemperatureSwingC,
    double SiteHumidityPercent,
    double DailyHumiditySwingPercent,
    double DailyPhaseHours,
    int FreeMemoryBytes,
    double SlowClockErrorPpm)
{
    /// <summary>The chip family: chip id length, ADC curve, memory size.</summary>
    public BoardKind Kind => Board.Family;

    public static UnitProfile Draw(ulong fleetSeed, int index, BoardKind kind) => Draw(fleetSeed, index, BoardModel.For(kind));

    /// <summary>Unit <paramref name="index"/> of the fleet. An ESP32's MAC serial is <see cref="EspressifMac"/>'s
    /// bijection of <paramref name="chipIdBase"/> (default: drawn from the seed) plus the index, so no two
    /// indices of one run share an id; a 12-byte STM32 id stays random (96 bits).</summary>
    public static UnitProfile Draw(ulong fleetSeed, int index, BoardModel board, uint? chipIdBase = null)
    {
        BoardKind kind = board.Family;
        SeededRandom random = SeededRandom.Derive(fleetSeed, (ulong)index, 0x756E6974 /* "unit" */);
        byte[] chipId = new byte[kind == BoardKind.Esp32 ? 6 : 12];
        // Drawn for every kind, so that the draws after it stay those of the same seed and index.
        random.Fill(chipId, 0, chipId.Length);
        if (kind == BoardKind.Esp32)
        {
            EspressifMac.Write(chipId, chipIdBase ?? EspressifMac.DefaultBase(fleetSeed), index);
        }
        return new UnitProfile(
            index,
            board,
            chipId,
            // Crystal tolerance: a spread of about ±30 ppm (issue 4), uniform over the lot.
            SkewPpm: random.Uniform(-30, 30),
            // Tuning-fork crystals bend parabolically around 25 °C, typically -0.034 ppm/°C².
            TemperatureCoefficientPpmPerSquaredC: random.Gaussian(-0.034, 0.004),
            AdcOffsetCounts: random.Gaussian(0, 15),
            AdcGain: random.Gaussian(1, 0.015),
            AdcNoiseCounts: random.Uniform(2, 9),
            AdcFloatLevelCounts: random.Uniform(1200, 2800),
            // ESP32's SAR ADC bows by tens of counts mid-range; the STM32's is close to linear.
            AdcNonlinearityCounts: kind == BoardKind.Esp32 ? random.Uniform(10, 60) : random.Uniform(0, 4),
            AdcAgeingCountsPerDay: random.Gaussian(0, 0.5),
            LoopTimeUs: random.Uniform(20, 80),
            LoopJitterUs: random.Uniform(1, 6),
            SiteTemperatureC: random.Uniform(18, 27),
            DailyTemperatureSwingC: random.Uniform(1, 5),
            SiteHumidityPercent: random.Uniform(35, 60),
            DailyHumiditySwingPercent: random.Uniform(3, 10),
            DailyPhaseHours: random.Uniform(0, 24),
            FreeMemoryBytes: kind == BoardKind.Esp32 ? 90_000 + random.NextInt(40_000) : 40_000 + random.NextInt(20_000),
            // Light sleep runs the timer on the RC slow clock (ESP32: 150 kHz, recalibrated against the
            // crystal by ESP-IDF); the residual error after calibration is an assumption of this model:
            // uniform within ±1000 ppm, two orders above the crystal's, which is why such frames say slowClock.
            SlowClockErrorPpm: random.Uniform(-1000, 1000));
    }
}
