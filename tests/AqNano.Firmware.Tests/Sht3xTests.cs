using AqNano.Firmware.Core.Sensors;
using AqNano.Firmware.Tests.Fakes;

namespace AqNano.Firmware.Tests;

public sealed class Sht3xTests
{
    [Fact]
    public void The_crc_matches_the_datasheet_example()
        => Assert.Equal(0x92, Sht3xCrc.Compute([0xBE, 0xEF], 0));

    [Theory]
    [InlineData(0x0000, -45_000)]
    [InlineData(0xFFFF, 130_000)]
    [InlineData(0x6666, 25_000)] // -45 + 175 x 26214 / 65535 = 25.000 degC
    public void Temperature_follows_the_datasheet_formula(int raw, int expected)
        => Assert.Equal(expected, Sht3xConversion.TemperatureMilliC(raw));

    [Fact]
    public void A_periodic_reading_is_converted_and_a_bad_crc_refused()
    {
        var chip = new SimulatedSht3x();
        var sensor = new Sht3x(chip);
        Assert.False(sensor.TryRead(out _, out _));
        Assert.True(sensor.TryStart());
        Assert.True(sensor.TryRead(out int milliC, out int milliPercent));
        Assert.Equal(25_000, milliC);
        Assert.Equal(50_001, milliPercent); // 100 x 32768 / 65535 = 50.0008 %
        chip.CorruptCrc = true;
        Assert.False(sensor.TryRead(out _, out _));
        Assert.Equal(1, sensor.CrcFailures);
    }
}
