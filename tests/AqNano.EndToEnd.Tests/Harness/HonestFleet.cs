using AqNano.Simulator.Models;
using AqNano.Simulator.Scenarios;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>The catalogue's honest-fleet scenario scaled up: its lossy LAN and board kinds, with one outage
/// (5 min to 3 h) and one reboot for every tenth board at seeded times, so that drift (the models' daily
/// temperature cycle and ADC ageing), outages and reboots all occur over the run.</summary>
public static class HonestFleet
{
    public static ScenarioDefinition Definition(int boards, double days, double intervalSeconds)
    {
        ScenarioDefinition template = ScenarioCatalogue.Find("honest-fleet");
        double minutes = days * 24 * 60;
        var random = SeededRandom.Derive(template.Seed, 0x666c656574 /* "fleet" */);
        var outages = new List<OutageSpec>();
        var reboots = new List<RebootSpec>();
        string[] causes = ["PowerOn", "Brownout", "Watchdog", "Software"];
        for (int device = 0; device < boards; device += 10)
        {
            outages.Add(new OutageSpec(device, random.Uniform(60, minutes - 240), random.Uniform(5, 180)));
            reboots.Add(new RebootSpec(device + 5 < boards ? device + 5 : device, random.Uniform(60, minutes - 60), causes[device / 10 % causes.Length]));
        }
        return template with
        {
            Name = $"honest-fleet-{boards}x{days}d",
            Devices = boards,
            DurationMinutes = minutes,
            IntervalSeconds = intervalSeconds,
            Outages = outages.ToArray(),
            Reboots = reboots.ToArray(),
        };
    }
}
