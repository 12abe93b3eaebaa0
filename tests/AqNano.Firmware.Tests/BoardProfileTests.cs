using AqNano.Boards;

namespace AqNano.Firmware.Tests;

public sealed class BoardProfileTests
{
    [Theory]
    [InlineData(BoardCatalog.Esp32DevKitCName, "ESP32_REV0", NetworkKind.Wifi, 1)]
    [InlineData(BoardCatalog.Esp32S3DevKitC1Name, "ESP32_S3_QUAD", NetworkKind.Wifi, 1)]
    [InlineData(BoardCatalog.Stm32F769IDiscoveryName, "ST_STM32F769I_DISCOVERY", NetworkKind.Ethernet, 1000)]
    public void Every_board_has_a_complete_profile(string name, string target, NetworkKind network, int clockUs)
    {
        BoardProfile board = BoardCatalog.Find(name);
        Assert.Equal(target, board.NanoffTarget);
        Assert.Equal(network, board.Network);
        Assert.Equal(clockUs, board.ClockResolutionUs);
        Assert.NotEmpty(board.NoiseAdcChannels);
        Assert.Equal(board.NoiseAdcChannels.Length, board.NoiseAdcDescriptions.Length);
        Assert.Equal(0x76, board.SensorAddress);
        Assert.NotEqual(board.I2cDataPin, board.I2cClockPin);
    }

    [Fact]
    public void An_unknown_board_name_finds_nothing() => Assert.Null(BoardCatalog.Find("Esp8266"));
}
