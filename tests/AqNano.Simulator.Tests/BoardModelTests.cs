using AqNano.Boards;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Models;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Tests;

/// <summary>The simulated hardware follows the typed board profiles of boards/.</summary>
public sealed class BoardModelTests
{
    [Theory]
    [InlineData("Esp32DevKitC", BoardKind.Esp32)]
    [InlineData("Esp32S3DevKitC1", BoardKind.Esp32)]
    [InlineData("Stm32F769IDiscovery", BoardKind.Stm32)]
    [InlineData("esp32", BoardKind.Esp32)]
    [InlineData("Stm32", BoardKind.Stm32)]
    public void HardwareIsBuiltFromTheBoardsProfile(string name, BoardKind family)
    {
        BoardModel model = BoardModel.Resolve(name);
        BoardProfile profile = model.Profile;
        Assert.Equal(family, model.Family);
        BoardHardware hardware = new(UnitProfile.Draw(1, 0, model), new VirtualScheduler(), new BeaconAir(new SeededRandom(1)), false, 1);
        Assert.Equal(profile.NoiseAdcChannels.Length, hardware.NoiseChannels.Length);
        Assert.Equal(profile.ClockResolutionUs, hardware.Clock.ResolutionUs);
        Assert.Equal(profile.HardwareRandom, hardware.Random.IsAvailable);
        Assert.Equal(profile.EspNow, hardware.Beacon.IsAvailable);
        Assert.Equal(family == BoardKind.Esp32 ? 6 : 12, hardware.ChipId.Read(new byte[16], 0));
    }

    [Fact]
    public void AnUnknownBoardIsRefusedNamingTheKnownOnes()
    {
        ArgumentException refusal = Assert.Throws<ArgumentException>(() => BoardModel.Resolve("Arduino"));
        Assert.Contains(BoardCatalog.Stm32F769IDiscoveryName, refusal.Message);
    }
}
