using AqNano.Firmware.Core.Sensors;
using AqNano.Firmware.Tests.Fakes;

namespace AqNano.Firmware.Tests;

/// <summary>The BME280 driver against a simulated register map (STYLE.md 8).</summary>
public sealed class Bme280Tests
{
    private static SimulatedBme280 WorkedExample()
    {
        var chip = new SimulatedBme280();
        // BST-BME280-DS002 (and the BMP280 datasheet's section 3.12 table): dig_T1 = 27504,
        // dig_T2 = 26435, dig_T3 = -1000, adc_T = 519888 gives t_fine = 128422 and T = 25.08 degC.
        chip.SetUInt16(0x88, 27504);
        chip.SetUInt16(0x8A, 26435);
        chip.SetUInt16(0x8C, unchecked((ushort)-1000));
        chip.SetAdcTemperature(519888);
        // Humidity trimming of a typical part (no worked example in the datasheet for humidity).
        chip.Registers[0xA1] = 75;                       // dig_H1
        chip.SetUInt16(0xE1, 362);                       // dig_H2
        chip.Registers[0xE3] = 0;                        // dig_H3
        chip.Registers[0xE4] = 0x13;                     // dig_H4 = 0x13 << 4 | 0x5 = 309
        chip.Registers[0xE5] = 0x05;                     // low nibble H4, high nibble H5 (0)
        chip.Registers[0xE6] = 0x03;                     // dig_H5 = 0x03 << 4 | 0 = 48
        chip.Registers[0xE7] = 30;                       // dig_H6
        chip.SetAdcHumidity(27000);
        return chip;
    }

    [Fact]
    public void The_datasheet_temperature_example_reads_25_08_degrees()
    {
        var chip = WorkedExample();
        var sensor = new Bme280(chip);
        Assert.True(sensor.TryStart());
        Assert.True(sensor.TryRead(out int milliC, out _));
        Assert.Equal(25_080, milliC);
        Assert.Equal(2508, Bme280Compensation.Temperature(519888, sensor.Calibration, out int tFine));
        Assert.Equal(128422, tFine);
    }

    [Fact]
    public void Start_decodes_the_trimming_and_selects_normal_mode_with_humidity_first()
    {
        var chip = WorkedExample();
        var sensor = new Bme280(chip);
        Assert.True(sensor.TryStart());
        Assert.Equal(309, sensor.Calibration.H4);
        Assert.Equal(48, sensor.Calibration.H5);
        Assert.Equal(0x01, chip.Written[0xF2]);
        Assert.Equal(0x23, chip.Written[0xF4]);
        Assert.Equal(0xA0, chip.Written[0xF5]);
    }

    [Fact]
    public void Integer_humidity_agrees_with_the_datasheets_floating_point_formula()
    {
        var chip = WorkedExample();
        var sensor = new Bme280(chip);
        Assert.True(sensor.TryStart());
        var c = sensor.Calibration;
        foreach (int adcH in new[] { 20000, 27000, 32000, 40000 })
        {
            chip.SetAdcHumidity(adcH);
            Assert.True(sensor.TryRead(out _, out int milliPercent));
            // Section 8.1, double precision, with the same t_fine.
            double v = 128422 - 76800.0;
            v = (adcH - (c.H4 * 64.0 + c.H5 / 16384.0 * v)) * (c.H2 / 65536.0 * (1.0 + c.H6 / 67108864.0 * v * (1.0 + c.H3 / 67108864.0 * v)));
            v = v * (1.0 - c.H1 * v / 524288.0);
            v = Math.Clamp(v, 0, 100);
            Assert.InRange(milliPercent / 1000.0, v - 0.1, v + 0.1);
        }
    }

    [Fact]
    public void A_wrong_chip_or_a_silent_bus_is_refused()
    {
        var chip = WorkedExample();
        chip.Registers[0xD0] = 0x58; // a BMP280
        Assert.False(new Bme280(chip).TryStart());
        var silent = WorkedExample();
        silent.Answers = false;
        var sensor = new Bme280(silent);
        Assert.False(sensor.TryStart());
        Assert.False(sensor.TryRead(out _, out _));
    }

    [Fact]
    public void No_completed_measurement_reads_as_no_answer()
    {
        var chip = WorkedExample();
        chip.SetAdcTemperature(0x80000);
        var sensor = new Bme280(chip);
        Assert.True(sensor.TryStart());
        Assert.False(sensor.TryRead(out _, out _));
    }
}
