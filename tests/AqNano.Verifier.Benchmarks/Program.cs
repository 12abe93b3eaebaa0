using AqNano.Verifier.Benchmarks;
using AqNano.Verifier.Chains;
using BenchmarkDotNet.Running;

Console.WriteLine($"AqNano verifier state: {DeviceStateCodec.Size} bytes per device (fixed layout, DeviceStateCodec).");
if (args.Contains("--cputime"))
{
    CpuTimeRun.Run(rounds: 5);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(JudgeBenchmarks).Assembly).Run(args);
