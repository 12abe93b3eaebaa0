using System.Globalization;
using System.Text;

namespace AqNano.Simulator.Benchmark;

/// <summary>The benchmark's figures as the markdown of docs/PERFORMANCE-SIMULATOR.md.</summary>
public static class PerformanceReport
{
    public static string Markdown(BenchmarkResult r, string machine)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        StringBuilder text = new();
        text.AppendLine("# Simulator performance");
        text.AppendLine();
        text.AppendLine(c, $"Measured by `tests/AqNano.Simulator.Benchmark` (Release) on {DateTime.UtcNow:yyyy-MM-dd}: {r.Boards:N0} simulated boards");
        text.AppendLine(c, $"(half ESP32-DevKitC, half STM32F769I-DISCOVERY models, each running the firmware's own DeviceAgent),");
        text.AppendLine(c, $"{r.SimulatedHours:0.##} simulated hours, one event per {r.IntervalSeconds:0} s, through the in-memory link with LAN delays,");
        text.AppendLine("every publish parsed by a tap in the broker's publish path (where the verifier sits in end-to-end tests).");
        text.AppendLine();
        text.AppendLine(c, $"Machine: {machine}. The machine is shared with other work: wall-clock figures include waiting for a core, CPU figures do not.");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| frames sent and acknowledged | {r.FramesAcknowledged:N0} |");
        text.AppendLine(c, $"| frames parsed at the broker (QoS 1 duplicates included) / malformed | {r.FramesParsedAtBroker:N0} / {r.Malformed:N0} |");
        text.AppendLine(c, $"| scheduler events run | {r.Events:N0} |");
        text.AppendLine(c, $"| wall time | {r.Wall.TotalSeconds:N1} s |");
        text.AppendLine(c, $"| CPU time (all threads) | {r.Cpu.TotalSeconds:N1} s |");
        text.AppendLine(c, $"| frames per wall second | {r.FramesPerWallSecond:N0} |");
        text.AppendLine(c, $"| frames per CPU second | {r.FramesPerCpuSecond:N0} |");
        text.AppendLine(c, $"| simulated hours per wall second (whole fleet) | {r.SimulatedHoursPerWallSecond:N2} |");
        text.AppendLine(c, $"| device-hours per wall second | {r.DeviceHoursPerWallSecond:N0} |");
        text.AppendLine(c, $"| managed bytes allocated per frame (whole process: Core, models, scheduler, broker, tap) | {r.AllocatedBytesPerFrame:N0} |");
        text.AppendLine(c, $"| GC collections gen0 / gen1 / gen2 | {r.Gen0} / {r.Gen1} / {r.Gen2} |");
        text.AppendLine(c, $"| peak working set | {r.PeakWorkingSetBytes / (1024.0 * 1024):N0} MiB |");
        text.AppendLine();
        text.AppendLine("Reproduce: `dotnet run -c Release --project tests/AqNano.Simulator.Benchmark -- 1000 24 docs/PERFORMANCE-SIMULATOR.md`");
        text.AppendLine("(arguments: boards, simulated hours, output file). It is a program, not a test: nothing asserts a duration.");
        return text.ToString();
    }
}
