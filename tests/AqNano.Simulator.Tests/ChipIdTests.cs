using AqNano.Simulator.Models;
using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

/// <summary>Device ids of a simulated fleet: a random 24-bit MAC serial gave two boards of a 5,000-board
/// fleet the same id; now ids are unique within a run and, with disjoint chipIdBase, across runs.</summary>
public sealed class ChipIdTests
{
    private static ScenarioRun Fleet(ulong seed, int devices, uint? chipIdBase = null) =>
        new(new ScenarioDefinition { Name = "ids", Seed = seed, Devices = devices, BoardKinds = ["Esp32"], ChipIdBase = chipIdBase });

    [Fact]
    public void A_20000_board_fleet_from_one_seed_has_20000_distinct_device_ids()
    {
        ScenarioRun run = Fleet(7004, 20_000);
        Assert.Equal(20_000, run.Devices.Select(run.DeviceIdOf).Distinct().Count());
        Assert.All(run.Devices, board => Assert.Equal(EspressifMac.Oui, board.Profile.ChipId[..3]));
        // Deterministic for the seed.
        ScenarioRun again = Fleet(7004, 20_000);
        Assert.Equal(run.Devices.Select(run.DeviceIdOf), again.Devices.Select(again.DeviceIdOf));
    }

    [Fact]
    public void The_serial_scramble_is_a_bijection_on_24_bits()
    {
        var seen = new System.Collections.BitArray((int)EspressifMac.SerialSpace);
        for (uint x = 0; x < EspressifMac.SerialSpace; x++)
        {
            uint serial = EspressifMac.Scramble(x);
            Assert.True(serial < EspressifMac.SerialSpace);
            if (seen[(int)serial]) Assert.Fail($"serial {serial:X6} twice (input {x:X6})");
            seen[(int)serial] = true;
        }
    }

    [Fact]
    public void Consecutive_units_do_not_get_consecutive_macs()
    {
        // A real lot's MACs are not a counter the reader can see in the ids.
        int steps = Enumerable.Range(0, 100).Count(i =>
            EspressifMac.Scramble((uint)i + 1) - EspressifMac.Scramble((uint)i) == 1);
        Assert.True(steps < 5, $"{steps} of 100 consecutive");
    }

    [Fact]
    public void A_scenario_file_names_its_chip_id_base()
    {
        ScenarioDefinition parsed = ScenarioCatalogue.Parse("{\"name\":\"x\",\"chipIdBase\":3000000}", "mine.json");
        Assert.Equal(3_000_000u, parsed.ChipIdBase);
        Assert.Null(ScenarioCatalogue.Parse("{\"name\":\"x\"}", "mine.json").ChipIdBase);
    }

    [Fact]
    public void Processes_with_disjoint_chip_id_bases_never_share_an_id()
    {
        // As tests/load/run-fleet-load.sh runs them: one seed per process (7004 + k), base k x 1,000,000.
        var ids = new HashSet<ulong>();
        for (int k = 0; k < 4; k++)
        {
            ScenarioRun run = Fleet(7004 + (ulong)k, 2_500, (uint)k * 1_000_000);
            foreach (var board in run.Devices) Assert.True(ids.Add(run.DeviceIdOf(board)), $"process {k}: {board.Name} repeats an id");
        }
        Assert.Equal(10_000, ids.Count);
    }
}
