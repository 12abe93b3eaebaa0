using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void HonestFleetSendsFrames()
    {
        ScenarioRun run = new(ScenarioCatalogue.Find("honest-fleet"), new RunOptions { Devices = 3, DurationMinutes = 3 });
        List<string> events = new();
        run.Notable += (t, e) => events.Add($"{t / 1e6:F3} {e}");
        ScenarioReport report = run.Run();
        foreach (string e in events) Console.WriteLine(e);
        foreach (var b in run.Devices) Console.WriteLine($"{b.Name} {b.Profile.Kind} acked={b.TotalAcknowledged} steps={b.StepCount} seq={b.Program?.LastSeq} status={b.Hardware.Status.LastStatus}");
        Console.WriteLine($"events={report.EventsRun} wall={report.WallTime}");
        Assert.True(report.TotalDeviceFrames > 0);
    }
}
