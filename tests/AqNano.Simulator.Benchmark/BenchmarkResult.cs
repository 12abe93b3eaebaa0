namespace AqNano.Simulator.Benchmark;

/// <summary>What one benchmark run measured; every figure is counted or read from the runtime.</summary>
public sealed record BenchmarkResult(
    int Boards,
    double SimulatedHours,
    double IntervalSeconds,
    long FramesAcknowledged,
    long FramesParsedAtBroker,
    long Malformed,
    long Events,
    TimeSpan Wall,
    TimeSpan Cpu,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    int Gen0,
    int Gen1,
    int Gen2)
{
    public double FramesPerWallSecond => FramesAcknowledged / Wall.TotalSeconds;
    public double FramesPerCpuSecond => FramesAcknowledged / Cpu.TotalSeconds;
    public double SimulatedHoursPerWallSecond => SimulatedHours / Wall.TotalSeconds;
    public double DeviceHoursPerWallSecond => Boards * SimulatedHours / Wall.TotalSeconds;
    public double AllocatedBytesPerFrame => (double)AllocatedBytes / Math.Max(1, FramesAcknowledged);
}
