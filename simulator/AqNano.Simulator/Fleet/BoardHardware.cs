using AqNano.Simulator.Models;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Fleet;

/// <summary>Every modelled part of one unit, built from its drawn <see cref="UnitProfile"/>, each
/// part with its own random stream so that one part's draws never shift another's.</summary>
public sealed class BoardHardware
{
    public BoardHardware(UnitProfile profile, ISimulationScheduler time, BeaconAir? air, bool listens, ulong seed)
    {
        Profile = profile;
        ulong unit = (ulong)profile.Index;
        Environment = new SiteEnvironment(profile, time, SeededRandom.Derive(seed, unit, 1), startHourOfDay: 6);
        Clock = new SimulatedClock(profile, time, Environment, SeededRandom.Derive(seed, unit, 2));
        // As many noise inputs as the board's profile samples (boards/: NoiseAdcChannels).
        int channels = Math.Max(1, profile.Board.Profile.NoiseAdcChannels.Length);
        NoiseChannels = new SimulatedAdcChannel[channels];
        for (int i = 0; i < channels; i++)
        {
            NoiseChannels[i] = new SimulatedAdcChannel(profile, i, time, SeededRandom.Derive(seed, unit, 10 + (ulong)i));
        }
        Sensor = new SimulatedEnvironmentSensor(Environment, SeededRandom.Derive(seed, unit, 3));
        Memory = new SimulatedFreeMemory(profile, SeededRandom.Derive(seed, unit, 4));
        Random = new SimulatedHardwareRandom(profile.Board.Profile.HardwareRandom, SeededRandom.Derive(seed, unit, 5));
        ChipId = new SimulatedChipId(profile.ChipId);
        ResetCause = new SimulatedResetCause();
        Status = new SimulatedStatusOutput();
        // A beacon radio only where the board's profile says nanoFramework serves ESP-NOW.
        Beacon = new SimulatedBeaconRadio(profile.Board.Profile.EspNow ? air : null, listens);
    }

    public UnitProfile Profile { get; }
    public SiteEnvironment Environment { get; }
    public SimulatedClock Clock { get; }
    public SimulatedAdcChannel[] NoiseChannels { get; }
    public SimulatedEnvironmentSensor Sensor { get; }
    public SimulatedFreeMemory Memory { get; }
    public SimulatedHardwareRandom Random { get; }
    public SimulatedChipId ChipId { get; }
    public SimulatedResetCause ResetCause { get; }
    public SimulatedStatusOutput Status { get; }
    public SimulatedBeaconRadio Beacon { get; }

    /// <summary>What the program sees as its radio: attacks (a lying witness) may stand in front of it.</summary>
    public Firmware.Core.Ports.IBeaconRadio BeaconPort { get; set; } = null!;
}
