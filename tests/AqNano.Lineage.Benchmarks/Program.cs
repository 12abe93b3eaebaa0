using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AqNano.Lineage.Benchmarks.DurableAppendBenchmarks).Assembly).Run(args, new AqNano.Lineage.Benchmarks.ShortInProcessConfig());
