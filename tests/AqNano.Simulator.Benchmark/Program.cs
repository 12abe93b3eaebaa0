using System.Diagnostics;
using AqNano.Simulator.Benchmark;
using AqNano.Simulator.Network;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Time;

// Issue 4: 1,000 boards x 24 simulated hours at one event per 10 s through the in-memory link.
// Usage: dotnet run -c Release --project tests/AqNano.Simulator.Benchmark -- [boards] [hours] [output.md]
int boards = args.Length > 0 ? int.Parse(args[0]) : 1000;
double hours = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 24;
string? output = args.Length > 2 ? args[2] : null;

ScenarioDefinition definition = new()
{
    Name = "benchmark",
    Description = "Honest boards, half ESP32 half STM32, LAN delays, confidential path.",
    Seed = 20260101,
    Devices = boards,
    IntervalSeconds = 10,
    DurationMinutes = hours * 60,
    Path = "confidential",
};
VirtualScheduler scheduler = new();
InMemoryBroker broker = new(scheduler, definition.Seed);
FrameCountingInterceptor tap = new();
broker.Interceptor = tap;
ScenarioRun run = new(definition, new RunOptions { Scheduler = scheduler, Broker = broker });

GC.Collect();
long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
Process self = Process.GetCurrentProcess();
TimeSpan cpuBefore = self.TotalProcessorTime;
Stopwatch wall = Stopwatch.StartNew();
long events = 0;
long endUs = (long)(hours * 3_600_000_000);
for (int hour = 1; hour <= Math.Ceiling(hours); hour++)
{
    events += scheduler.RunUntil(Math.Min(endUs, hour * 3_600_000_000L));
    Console.Error.WriteLine($"simulated hour {hour}: {tap.Frames} frames, wall {wall.Elapsed:hh\\:mm\\:ss}");
}
wall.Stop();
self.Refresh();
BenchmarkResult result = new(
    boards, hours, definition.IntervalSeconds,
    run.Devices.Sum(d => d.TotalAcknowledged), tap.Frames, tap.Malformed, events,
    wall.Elapsed, self.TotalProcessorTime - cpuBefore,
    GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, self.PeakWorkingSet64,
    GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);

string report = PerformanceReport.Markdown(result, MachineDescription.Read());
Console.WriteLine(report);
if (output != null) File.WriteAllText(output, report);
return result.Malformed == 0 && result.FramesParsedAtBroker >= result.FramesAcknowledged ? 0 : 1;
